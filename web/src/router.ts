import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { ElMessage } from 'element-plus'
import { authApi } from '@/api'
import { clearSession, markReady, session, setSession } from '@/stores/session'
import { isAdmin, safeRedirect } from '@/utils/permissions'
import AppLayout from '@/layouts/AppLayout.vue'
import LoginView from '@/views/LoginView.vue'
import { mobileRoutes } from '@/mobile/routes'
import { publicRoutes } from '@/public/routes'

declare module 'vue-router' {
  interface RouteMeta {
    /** Page title (browser tab and breadcrumb). */
    title?: string
    /** Breadcrumb section, e.g. 行业管理. */
    section?: string
    /** The menu entry to highlight. */
    menu?: string
    /** Reachable without logging in. */
    public?: boolean
    /** Administrators only (city_admin, county_admin, enterprise_admin). */
    admin?: boolean
  }
}

export const HOME = '/industry/enterprises'

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: LoginView, meta: { public: true, title: '登录' } },
  {
    path: '/',
    component: AppLayout,
    redirect: HOME,
    children: [
      {
        path: 'map',
        name: 'map',
        component: () => import('@/views/map/OneMap.vue'),
        meta: { title: '一张图', section: '综合监管', menu: '/map' },
        // A third-party construction site's map link before the glossary's name (`?construction=<id>`)
        // still opens the site.
        beforeEnter: (to) => {
          const { construction, ...query } = to.query
          if (construction === undefined) return true
          return { name: 'map', query: { ...query, third_party_construction: construction }, hash: to.hash, replace: true }
        },
      },
      {
        path: 'industry/enterprises',
        name: 'enterprises',
        component: () => import('@/views/industry/EnterpriseList.vue'),
        meta: { title: '企业台账', section: '行业管理', menu: '/industry/enterprises' },
      },
      {
        path: 'industry/enterprises/:id(\\d+)',
        name: 'enterprise',
        component: () => import('@/views/industry/EnterpriseDetail.vue'),
        meta: { title: '企业详情', section: '行业管理', menu: '/industry/enterprises' },
      },
      {
        path: 'industry/practitioners',
        name: 'practitioners',
        component: () => import('@/views/industry/PractitionerList.vue'),
        meta: { title: '从业人员', section: '行业管理', menu: '/industry/practitioners' },
      },
      {
        path: 'industry/pipelines',
        name: 'pipelines',
        component: () => import('@/views/industry/PipelineList.vue'),
        meta: { title: '燃气管网', section: '行业管理', menu: '/industry/pipelines' },
      },
      {
        path: 'industry/stations',
        name: 'stations',
        component: () => import('@/views/industry/StationList.vue'),
        meta: { title: '厂站设施', section: '行业管理', menu: '/industry/stations' },
      },
      {
        path: 'industry/gas-users',
        name: 'gas-users',
        component: () => import('@/views/industry/GasUserList.vue'),
        meta: { title: '燃气用户', section: '行业管理', menu: '/industry/gas-users' },
      },
      {
        path: 'industry/lpg',
        name: 'lpg',
        component: () => import('@/views/industry/LpgList.vue'),
        meta: { title: '瓶装燃气', section: '行业管理', menu: '/industry/lpg' },
      },
      {
        path: 'industry/access-filings',
        name: 'access-filings',
        component: () => import('@/views/industry/AccessFilingList.vue'),
        meta: { title: '接入备案', section: '行业管理', menu: '/industry/access-filings' },
      },
      {
        path: 'safety/home-inspections',
        name: 'home-inspections',
        component: () => import('@/views/safety/HomeInspectionList.vue'),
        meta: { title: '入户安检', section: '安全管理', menu: '/safety/home-inspections' },
      },
      {
        path: 'safety/hazards',
        name: 'hazards',
        component: () => import('@/views/safety/HazardList.vue'),
        meta: { title: '隐患整改', section: '安全管理', menu: '/safety/hazards' },
      },
      {
        path: 'safety/third-party-construction',
        name: 'third-party-construction',
        component: () => import('@/views/safety/ThirdPartyConstructionList.vue'),
        meta: { title: '第三方施工', section: '安全管理', menu: '/safety/third-party-construction' },
      },
      // The page's address before it took the glossary's name: bookmarks keep working (query and hash kept).
      { path: 'safety/construction', redirect: { name: 'third-party-construction' } },
      {
        path: 'safety/major-hazards',
        name: 'major-hazards',
        component: () => import('@/views/safety/MajorHazardList.vue'),
        meta: { title: '重大危险源', section: '安全管理', menu: '/safety/major-hazards' },
      },
      {
        path: 'safety/patrols',
        name: 'patrols',
        component: () => import('@/views/safety/PatrolList.vue'),
        meta: { title: '巡查巡检', section: '安全管理', menu: '/safety/patrols' },
      },
      {
        path: 'safety/supervision',
        name: 'supervision',
        component: () => import('@/views/supervision/SupervisionPage.vue'),
        meta: { title: '监督检查', section: '安全管理', menu: '/safety/supervision' },
      },
      {
        path: 'safety/supervision/tasks/:id(\\d+)',
        name: 'supervision-task',
        component: () => import('@/views/supervision/TaskDetailPage.vue'),
        meta: { title: '检查任务', section: '安全管理', menu: '/safety/supervision' },
      },
      {
        path: 'complaints/cases',
        name: 'complaint-cases',
        component: () => import('@/views/complaints/CasesPage.vue'),
        meta: { title: '投诉举报', section: '服务监督', menu: '/complaints/cases' },
      },
      // The statistics are a tab of the same page, with an address of their own.
      {
        path: 'complaints/stats',
        name: 'complaint-stats',
        component: () => import('@/views/complaints/CasesPage.vue'),
        meta: { title: '投诉统计', section: '服务监督', menu: '/complaints/stats' },
      },
      {
        path: 'monitoring/points',
        name: 'monitoring-points',
        component: () => import('@/views/monitoring/PointsPage.vue'),
        meta: { title: '监测点', section: '运行监测', menu: '/monitoring/points' },
      },
      {
        path: 'monitoring/alarms',
        name: 'monitoring-alarms',
        component: () => import('@/views/monitoring/AlarmsPage.vue'),
        meta: { title: '报警处置', section: '运行监测', menu: '/monitoring/alarms' },
      },
      {
        path: 'monitoring/video',
        name: 'monitoring-video',
        component: () => import('@/views/monitoring/VideoPage.vue'),
        meta: { title: '视频监控', section: '运行监测', menu: '/monitoring/video' },
      },
      {
        path: 'monitoring/manual',
        name: 'monitoring-manual',
        component: () => import('@/views/monitoring/ManualReportPage.vue'),
        meta: { title: '人工抄报', section: '运行监测', menu: '/monitoring/manual' },
      },
      {
        path: 'system/users',
        name: 'users',
        component: () => import('@/views/system/UserList.vue'),
        meta: { title: '账号管理', section: '系统管理', menu: '/system/users', admin: true },
      },
      {
        path: 'system/audit',
        name: 'audit',
        component: () => import('@/views/system/AuditLog.vue'),
        meta: { title: '操作日志', section: '系统管理', menu: '/system/audit', admin: true },
      },
      {
        path: 'system/calendar',
        name: 'calendar',
        component: () => import('@/views/system/CalendarPage.vue'),
        meta: { title: '工作日历', section: '系统管理', menu: '/system/calendar', admin: true },
      },
    ],
  },
  // The public pages (no login): filing a complaint and tracking it.
  ...publicRoutes,
  // The phone UI for inspectors (/m), loaded only when opened.
  ...mobileRoutes,
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/NotFoundView.vue'),
    meta: { public: true, title: '页面不存在' },
  },
]

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
})

/** Ask the server who is logged in (the cookie survives reloads; the page state does not). */
async function restoreSession(): Promise<void> {
  try {
    const me = await authApi.me()
    setSession(me.user, me.csrf_token)
  } catch {
    clearSession()
  } finally {
    markReady()
  }
}

router.beforeEach(async (to) => {
  if (!session.ready) await restoreSession()
  if (to.name === 'login') return session.user ? safeRedirect(to.query.redirect, HOME) : true
  if (to.meta.public) return true
  if (!session.user) return { name: 'login', query: to.fullPath === HOME ? {} : { redirect: to.fullPath } }
  if (to.meta.admin && !isAdmin(session.user.role)) {
    ElMessage.error('当前账号没有访问该页面的权限')
    return HOME
  }
  return true
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · 燃监` : '燃监 · 上饶市燃气安全监管平台'
})
