// Reload something when the live alarm feed (components/AlarmLive.vue) tells of an alarm: once per
// burst (several alarms in a second reload once), only while the component is mounted.

import { onBeforeUnmount, onMounted } from 'vue'
import { ALARM_LIVE_EVENT } from '@/utils/monitoring'

export function useAlarmLiveReload(reload: () => void, waitMs = 800) {
  let timer: ReturnType<typeof setTimeout> | undefined
  const onAlarm = () => {
    if (timer) return
    timer = setTimeout(() => {
      timer = undefined
      reload()
    }, waitMs)
  }
  onMounted(() => window.addEventListener(ALARM_LIVE_EVENT, onAlarm))
  onBeforeUnmount(() => {
    window.removeEventListener(ALARM_LIVE_EVENT, onAlarm)
    if (timer) clearTimeout(timer)
  })
}
