// The evidence photos of a hazard as object URLs: read with the session (the same authenticated
// fetch as a download, the cookie and no token in the URL), once each, and let go when the hazard
// changes or the drawer is gone.

import { onBeforeUnmount, reactive } from 'vue'
import { safetyApi } from '@/api'

export function usePhotoUrls() {
  /** Photo id → object URL (absent while loading; "" when it failed). */
  const urls = reactive(new Map<number, string>())
  let hazardId: number | null = null
  const pending = new Set<number>()

  function clear() {
    for (const u of urls.values()) if (u) URL.revokeObjectURL(u)
    urls.clear()
    pending.clear()
    hazardId = null
  }

  /** Load the photos of hazard `id` not loaded yet (forgetting those of another hazard). */
  function ensure(id: number, photoIds: readonly number[]) {
    if (hazardId !== id) {
      clear()
      hazardId = id
    }
    for (const pid of photoIds) {
      if (urls.has(pid) || pending.has(pid)) continue
      pending.add(pid)
      safetyApi
        .hazardPhoto(id, pid)
        .then((f) => {
          if (hazardId !== id) return
          urls.set(pid, URL.createObjectURL(f.blob))
        })
        .catch(() => {
          if (hazardId === id) urls.set(pid, '')
        })
        .finally(() => pending.delete(pid))
    }
  }

  onBeforeUnmount(clear)
  return { urls, ensure, clear }
}
