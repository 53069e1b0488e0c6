// Where the inspector is: one fix when the check opens, then the position followed while the page
// is open, kept as a trail of at most one point every ten seconds.

import { onBeforeUnmount, ref, shallowRef } from 'vue'
import type { GeoFix } from '@/api/supervision'
import { fixOf, shouldSample } from '@/utils/supervision'

export type LocationState = 'idle' | 'locating' | 'ok' | 'error'

function messageOf(e: GeolocationPositionError): string {
  switch (e.code) {
    case 1:
      return typeof window !== 'undefined' && window.isSecureContext === false
        ? '定位需要通过HTTPS访问本平台'
        : '未获得定位权限，请在浏览器或系统设置中允许定位'
    case 2:
      return '暂时无法获取位置，请到开阔处后重新定位'
    default:
      return '定位超时，请重新定位'
  }
}

export function useLocation() {
  const fix = ref<GeoFix | null>(null)
  const trail = shallowRef<GeoFix[]>([])
  const state = ref<LocationState>('idle')
  const error = ref('')
  let watchId: number | null = null

  const geo = () => (typeof navigator !== 'undefined' && 'geolocation' in navigator ? navigator.geolocation : null)

  function onPosition(p: GeolocationPosition) {
    const f = fixOf(p)
    fix.value = f
    state.value = 'ok'
    error.value = ''
    if (shouldSample(trail.value, f)) trail.value = [...trail.value, f]
  }

  function onError(e: GeolocationPositionError) {
    // A fix in hand stays good; the message tells why the next did not come.
    error.value = messageOf(e)
    if (!fix.value) state.value = 'error'
  }

  /** Ask for a fix now (on opening, and the 重新定位 button). */
  function locate() {
    const g = geo()
    if (!g) {
      state.value = 'error'
      error.value = '此浏览器不支持定位'
      return
    }
    if (!fix.value) state.value = 'locating'
    g.getCurrentPosition(onPosition, onError, { enableHighAccuracy: true, timeout: 20_000, maximumAge: 0 })
  }

  /** Start following the position; `kept` is the trail of a draft opened again. */
  function start(kept: GeoFix[] = []) {
    trail.value = [...kept]
    locate()
    const g = geo()
    if (g && watchId === null) {
      watchId = g.watchPosition(onPosition, onError, { enableHighAccuracy: true, maximumAge: 5_000, timeout: 60_000 })
    }
  }

  function stop() {
    if (watchId !== null) geo()?.clearWatch(watchId)
    watchId = null
  }

  onBeforeUnmount(stop)
  return { fix, trail, state, error, locate, start, stop }
}
