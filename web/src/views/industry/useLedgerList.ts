// The list state of an asset ledger tab (燃气管网, 厂站设施) kept in the URL, as the practitioner
// ledger does: `tab` (left out for the first tab), the tab's filters, page, size and sort.

import { computed, onMounted, ref, watch, type ComputedRef } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { ListParams, Page } from '@/api/types'
import { errorMessage } from '@/utils/problem'
import {
  DEFAULT_PAGE_SIZE,
  queryPage,
  queryPageSize,
  queryString,
  queryTab,
  sortParam,
  tabParam,
  toRouteQuery,
} from '@/utils/listQuery'

type UrlValue = string | number | undefined

export type ListChange = { page?: number; page_size?: number; sort?: string } & Record<string, UrlValue>

export interface LedgerListOptions<F extends Record<string, UrlValue>, T> {
  /** The route of the page. */
  routeName: string
  /** The page's tabs, the default first. */
  tabs: readonly string[]
  /** The tab this list is in. */
  tab: string
  /** The filters in force, read from the URL. */
  filter: ComputedRef<F>
  /** The API call. */
  fetch: (filter: F, params: ListParams) => Promise<Page<T>>
  /** Fields the server sorts by. */
  sortable: readonly string[]
}

export function useLedgerList<F extends Record<string, UrlValue>, T>(opts: LedgerListOptions<F, T>) {
  const route = useRoute()
  const router = useRouter()

  const active = computed(() => route.name === opts.routeName && queryTab(route.query, opts.tabs) === opts.tab)
  const page = ref(1)
  const pageSize = ref(DEFAULT_PAGE_SIZE)
  const sort = ref('')

  const rows = ref<T[]>([])
  const total = ref(0)
  const loading = ref(false)
  const loadError = ref('')

  function syncFromRoute() {
    page.value = queryPage(route.query)
    pageSize.value = queryPageSize(route.query)
    const s = queryString(route.query, 'sort')
    sort.value = opts.sortable.includes(s.replace(/^-/, '')) ? s : ''
  }

  let seq = 0
  async function load() {
    const mine = ++seq
    loading.value = true
    loadError.value = ''
    try {
      const res = await opts.fetch(opts.filter.value, {
        page: page.value,
        page_size: pageSize.value,
        sort: sort.value || undefined,
      })
      if (mine !== seq) return
      rows.value = res.items
      total.value = res.total
      // A page past the end (rows removed meanwhile): go to the last page that has rows.
      if (res.items.length === 0 && res.total > 0 && page.value > 1) {
        navigate({ page: Math.max(1, Math.ceil(res.total / pageSize.value)) })
      }
    } catch (e) {
      if (mine !== seq) return
      rows.value = []
      total.value = 0
      loadError.value = errorMessage(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  /** Show other filters, page, size or order: a new URL, or a reload when it is the same. */
  function navigate(change: ListChange = {}) {
    const next = {
      tab: tabParam(opts.tab, opts.tabs),
      ...opts.filter.value,
      page: page.value,
      page_size: pageSize.value,
      sort: sort.value,
      ...change,
    }
    const query = toRouteQuery(next)
    if (JSON.stringify(query) === JSON.stringify(toRouteQuery({ ...route.query } as Record<string, string>))) {
      load()
    } else {
      router.push({ query })
    }
  }

  function onSortChange({ prop, order }: { prop: string | null; order: 'ascending' | 'descending' | null }) {
    navigate({ sort: sortParam(prop, order), page: 1 })
  }

  watch(
    () => route.query,
    () => {
      if (!active.value) return
      syncFromRoute()
      load()
    },
  )

  // The tabs are lazy: a tab's list is mounted the first time it is shown.
  onMounted(() => {
    syncFromRoute()
    load()
  })

  return { active, page, pageSize, sort, rows, total, loading, loadError, load, navigate, onSortChange }
}

/** The tab of a ledger page from the URL; switching tabs brings back each tab's last query. */
export function useTabSwitch(routeName: string, tabs: readonly string[]) {
  const route = useRoute()
  const router = useRouter()
  const tab = computed(() => queryTab(route.query, tabs))
  /** The last query of each tab, to come back to. */
  const saved: Record<string, Record<string, unknown>> = {}
  watch(
    () => route.query,
    (q) => {
      if (route.name === routeName) saved[queryTab(q, tabs)] = { ...q }
    },
    { immediate: true },
  )
  function switchTab(name: string | number) {
    const next = String(name)
    if (next === tab.value) return
    router.push({ query: (saved[next] as Record<string, string>) ?? (next === tabs[0] ? {} : { tab: next }) })
  }
  return { tab, switchTab }
}
