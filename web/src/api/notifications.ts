// 消息提醒: the notifications of the caller's organisation (a case handed to it, a deadline coming,
// overdue supervision), under /api/v1/system/notifications.

import { http } from '@/api'

export interface Notification {
  id: number
  /** case_transferred | case_returned | case_warning | case_overdue | case_overdue_below … */
  kind: string
  title: string
  body: string
  /** The page it is about, e.g. /complaints/cases?id=12. */
  link: string | null
  created_at: string
  read: boolean
}

export interface NotificationList {
  items: Notification[]
  total: number
  unread: number
}

export const notificationsApi = {
  list: (params: { page?: number; page_size?: number; unread?: boolean } = {}) =>
    http.get<NotificationList>('/system/notifications', { ...params }),
  /** Mark these read (none: all of the organisation's); the answer is the first page. */
  markRead: (ids?: number[]) => http.post<NotificationList>('/system/notifications/read', ids ? { ids } : {}),
}
