// The photos of one record (a hazard's evidence, a home inspection's photos) as object URLs: read
// with the session (the same authenticated fetch as a download, the cookie and no token in the
// URL), once each, and let go when the record changes, the drawer closes or the component is gone.

import { onScopeDispose, reactive } from 'vue'

/** Reads photo `pid` of record `id` (e.g. `safetyApi.hazardPhoto`). */
export type PhotoFetch = (id: number, pid: number) => Promise<{ blob: Blob }>

export function usePhotoUrls(fetchPhoto: PhotoFetch) {
  /** Photo id → object URL (absent while loading; "" when it failed). */
  const urls = reactive(new Map<number, string>())
  let ownerId: number | null = null
  const pending = new Set<number>()
  /** Bumped by `clear`: an answer of an earlier generation is dropped. */
  let generation = 0

  function clear() {
    for (const u of urls.values()) if (u) URL.revokeObjectURL(u)
    urls.clear()
    pending.clear()
    ownerId = null
    generation++
  }

  /** Load the photos of record `id` not loaded yet (forgetting those of another record). */
  function ensure(id: number, photoIds: readonly number[]) {
    if (ownerId !== id) {
      clear()
      ownerId = id
    }
    const g = generation
    for (const pid of photoIds) {
      if (urls.has(pid) || pending.has(pid)) continue
      pending.add(pid)
      fetchPhoto(id, pid)
        .then((f) => {
          if (g === generation) urls.set(pid, URL.createObjectURL(f.blob))
        })
        .catch(() => {
          if (g === generation) urls.set(pid, '')
        })
        .finally(() => {
          if (g === generation) pending.delete(pid)
        })
    }
  }

  /** The loaded URLs of `photos`, in their order: the preview's gallery. */
  function gallery(photos: readonly { id: number }[]): string[] {
    return photos.map((p) => urls.get(p.id)).filter((u): u is string => !!u)
  }

  /** Where photo `id` is in `gallery(photos)` (0 while it is not loaded). */
  function galleryIndex(photos: readonly { id: number }[], id: number): number {
    return Math.max(0, gallery(photos).indexOf(urls.get(id) ?? ''))
  }

  // A component's setup runs in its effect scope: this is its unmount.
  onScopeDispose(clear)
  return { urls, ensure, clear, gallery, galleryIndex }
}
