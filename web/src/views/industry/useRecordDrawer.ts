// The record of a detail drawer: the list row at once, then the server's copy, read fresh each time
// the drawer opens (and when `reloadToken` changes while it is open). A 404 means the record is gone
// or out of the account's scope.

import { ref, watch, type Ref } from 'vue'
import { ApiError, errorMessage } from '@/utils/problem'

export function useRecordDrawer<T extends { id: number }>(
  visible: Ref<boolean>,
  source: () => T | null,
  fetch: (id: number) => Promise<T>,
  reloadToken?: () => number,
) {
  const current = ref<T | null>(null) as Ref<T | null>
  const loading = ref(false)
  const loadError = ref('')
  const notFound = ref(false)

  let seq = 0
  async function load() {
    const s = current.value ?? source()
    if (!s) return
    const mine = ++seq
    loading.value = true
    loadError.value = ''
    notFound.value = false
    try {
      const fresh = await fetch(s.id)
      if (mine === seq) current.value = fresh
    } catch (e) {
      if (mine !== seq) return
      if (e instanceof ApiError && e.status === 404) {
        current.value = null
        notFound.value = true
      } else {
        loadError.value = errorMessage(e)
      }
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  watch(visible, (open) => {
    if (!open) return
    current.value = source()
    load()
  })
  // Another record while open (a link inside the drawer).
  watch(source, (s) => {
    if (!visible.value || !s || s.id === current.value?.id) return
    current.value = s
    load()
  })
  if (reloadToken) {
    watch(reloadToken, () => {
      if (visible.value) load()
    })
  }

  return { current, loading, loadError, notFound, load }
}
