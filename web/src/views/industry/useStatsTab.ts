// The statistics tab of a ledger page (管网统计, 设施统计, 技防设施安装率): the grouping and the
// division filter live in the URL (the default grouping is left out), the numbers are loaded when
// they change and when the page's data changed (`reloadToken`).

import { computed, onMounted, ref, watch } from 'vue'
import { useRoute, useRouter, type LocationQuery } from 'vue-router'
import { errorMessage } from '@/utils/problem'
import { queryEnum, queryString, queryTab, tabParam, toRouteQuery } from '@/utils/listQuery'

export interface StatsQuery<G extends string> {
  group: G
  region_code: string
}

/** Further filters of a statistics tab (an enterprise, a date range); "" or undefined for none. */
export type StatsExtra = Record<string, string | number | undefined>

export interface StatsTabOptions<G extends string, S, E extends StatsExtra = Record<never, never>> {
  /** The route of the page. */
  routeName: string
  /** The page's tabs, the default first. */
  tabs: readonly string[]
  /** The tab this is. */
  tab: string
  /** The groupings, the default first. */
  groups: readonly G[]
  /** The API call. */
  fetch: (query: { group: G; region_code?: string } & Partial<E>) => Promise<S>
  /** The tab's further filters read from the URL (empty ones are not sent). */
  extra?: (query: LocationQuery) => E
  /** Changes when the page's data changed (an import): load again. */
  reloadToken: () => number
}

export function useStatsTab<G extends string, S, E extends StatsExtra = Record<never, never>>(
  opts: StatsTabOptions<G, S, E>,
) {
  const route = useRoute()
  const router = useRouter()
  const defaultGroup = opts.groups[0]

  const active = computed(() => route.name === opts.routeName && queryTab(route.query, opts.tabs) === opts.tab)
  const applied = computed<StatsQuery<G> & E>(() => ({
    ...((opts.extra?.(route.query) ?? {}) as E),
    group: (queryEnum(route.query, 'group', opts.groups) || defaultGroup) as G,
    region_code: queryString(route.query, 'region_code'),
  }))

  const stats = ref<S | null>(null)
  const loading = ref(false)
  const loadError = ref('')

  let seq = 0
  async function load() {
    const mine = ++seq
    loading.value = true
    loadError.value = ''
    try {
      const { group, region_code, ...rest } = applied.value
      const extra = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== '' && v !== undefined)) as Partial<E>
      const res = await opts.fetch({ ...extra, group, region_code: region_code || undefined })
      if (mine !== seq) return
      stats.value = res
    } catch (e) {
      if (mine !== seq) return
      stats.value = null
      loadError.value = errorMessage(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  /** Show another grouping or division: a new URL, or a reload when it is the same. */
  function navigate(change: Partial<StatsQuery<G> & E>) {
    const next = { tab: tabParam(opts.tab, opts.tabs), ...applied.value, ...change }
    // The default grouping stays out of the URL.
    const query = toRouteQuery({ ...next, group: next.group === defaultGroup ? '' : next.group })
    if (JSON.stringify(query) === JSON.stringify(toRouteQuery({ ...route.query } as Record<string, string>))) load()
    else router.push({ query })
  }

  watch(
    () => route.query,
    () => {
      if (active.value) load()
    },
  )
  watch(opts.reloadToken, () => load())
  onMounted(load)

  return { active, applied, stats, loading, loadError, load, navigate }
}
