// The phone UI (/m) for inspectors: its own layout (Vant), loaded only when a phone page is opened,
// so the desktop pages carry none of it. Any logged-in account may open it; the router's guard sends
// a visitor to /login and back.

import type { RouteRecordRaw } from 'vue-router'

export const mobileRoutes: RouteRecordRaw[] = [
  {
    path: '/m',
    component: () => import('./MobileLayout.vue'),
    children: [
      {
        path: '',
        name: 'm-items',
        component: () => import('./MyItemsPage.vue'),
        meta: { title: '我的检查' },
      },
      {
        path: 'items/:id(\\d+)',
        name: 'm-item',
        component: () => import('./ExecuteItemPage.vue'),
        meta: { title: '执行检查' },
      },
    ],
  },
]
