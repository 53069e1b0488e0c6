// The pages open to the public (no login) of service supervision (服务监督): file a complaint,
// report, service request or suggestion, and follow it up. The phone pages (/m/…, Vant) and the
// desktop pages (/public/…, Element Plus) share their logic (caseForm.ts, caseTracking.ts and the
// composables); each is loaded only when opened.

import type { RouteRecordRaw } from 'vue-router'

export const publicRoutes: RouteRecordRaw[] = [
  {
    path: '/m/complaint',
    name: 'public-m-complaint',
    component: () => import('./PhoneComplaintPage.vue'),
    meta: { public: true, title: '燃气投诉举报' },
  },
  {
    path: '/m/track',
    name: 'public-m-track',
    component: () => import('./PhoneTrackPage.vue'),
    meta: { public: true, title: '办理进度查询' },
  },
  {
    path: '/public/complaint',
    name: 'public-complaint',
    component: () => import('./DesktopComplaintPage.vue'),
    meta: { public: true, title: '燃气投诉举报' },
  },
  {
    path: '/public/track',
    name: 'public-track',
    component: () => import('./DesktopTrackPage.vue'),
    meta: { public: true, title: '办理进度查询' },
  },
]
