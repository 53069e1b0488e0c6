// Whether a CSS media query matches now, kept up to date (e.g. a phone-sized viewport).

import { onBeforeUnmount, ref } from 'vue'

/** The width below which pages switch to their phone layout. */
export const PHONE_QUERY = '(max-width: 768px)'

export function useMediaQuery(query: string) {
  const mql = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(query) : null
  const matches = ref(mql?.matches ?? false)
  const onChange = (e: MediaQueryListEvent) => (matches.value = e.matches)
  mql?.addEventListener('change', onChange)
  onBeforeUnmount(() => mql?.removeEventListener('change', onChange))
  return matches
}
