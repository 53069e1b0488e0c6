// The practitioner page's tabs and the list state they keep in the URL (as the enterprise ledger
// does): `tab` (left out for 人员台账), the tab's filters, page, size and sort.

import { computed, onMounted, ref, watch, type ComputedRef } from 'vue'
import { useRoute, useRouter, type LocationQuery } from 'vue-router'
import { industryApi } from '@/api'
import type { Practitioner, PractitionerFilter } from '@/api/types'
import { errorMessage } from '@/utils/problem'
import { DEFAULT_PAGE_SIZE, queryPage, queryPageSize, queryString, sortParam, toRouteQuery } from '@/utils/listQuery'

export const PRACTITIONER_TABS = ['ledger', 'stats', 'alerts'] as const
export type PractitionerTab = (typeof PRACTITIONER_TABS)[number]

/** The tab a URL shows (人员台账 when absent or unknown). */
export function tabOf(q: LocationQuery): PractitionerTab {
  const t = queryString(q, 'tab')
  return (PRACTITIONER_TABS as readonly string[]).includes(t) ? (t as PractitionerTab) : 'ledger'
}

/** The `tab` query value of a tab (none for the first). */
export const tabQuery = (tab: PractitionerTab): string | undefined => (tab === 'ledger' ? undefined : tab)

/** Fields the server sorts practitioners by. */
export const PRACTITIONER_SORTABLE = ['name', 'certificate_expires_on', 'updated_at']

type UrlValue = string | number | undefined

/** A change of the list state: page, size, sort and the tab's filters. */
export type ListChange = { page?: number; page_size?: number; sort?: string } & Record<string, UrlValue>

export interface PractitionerListOptions<F extends Record<string, UrlValue>> {
  tab: PractitionerTab
  /** The filters in force, read from the URL. */
  filter: ComputedRef<F>
  /** The request's filters when they differ from those of the URL (fixed filters of a tab). */
  request?: (f: F) => PractitionerFilter
  /** The order when the URL names none. */
  defaultSort?: string
}

export function usePractitionerList<F extends Record<string, UrlValue>>(opts: PractitionerListOptions<F>) {
  const route = useRoute()
  const router = useRouter()

  const active = computed(() => route.name === 'practitioners' && tabOf(route.query) === opts.tab)
  const page = ref(1)
  const pageSize = ref(DEFAULT_PAGE_SIZE)
  const sort = ref('')
  const effectiveSort = computed(() => sort.value || opts.defaultSort || '')
  const request = computed<PractitionerFilter>(() =>
    opts.request ? opts.request(opts.filter.value) : (opts.filter.value as PractitionerFilter),
  )

  const rows = ref<Practitioner[]>([])
  const total = ref(0)
  const loading = ref(false)
  const loadError = ref('')

  function syncFromRoute() {
    page.value = queryPage(route.query)
    pageSize.value = queryPageSize(route.query)
    const s = queryString(route.query, 'sort')
    sort.value = PRACTITIONER_SORTABLE.includes(s.replace(/^-/, '')) ? s : ''
  }

  let seq = 0
  async function load() {
    const mine = ++seq
    loading.value = true
    loadError.value = ''
    try {
      const res = await industryApi.practitioners(request.value, {
        page: page.value,
        page_size: pageSize.value,
        sort: effectiveSort.value || undefined,
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
      tab: tabQuery(opts.tab),
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

  return { active, page, pageSize, sort, effectiveSort, rows, total, loading, loadError, load, navigate, onSortChange }
}
