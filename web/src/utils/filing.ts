// Access filings (新建居民小区管道天然气接入备案): what the current account may do with a filing in a
// state (the server's state machine, crates/domain/src/filing.rs), and the steps of its history.

import type { FilingHistory, FilingState, Role } from '@/api/types'
import { mayDecideFilings, mayFileAccess } from './permissions'

export interface FilingActions {
  /** 审核通过: authority staff, a submitted filing. */
  approve: boolean
  /** 退回 with a reason: authority staff, a submitted filing. */
  return: boolean
  /** 修改并重新提交: the enterprise, a returned filing. */
  resubmit: boolean
  /** 上传附件: the enterprise, a filing not yet approved. */
  attach: boolean
}

export function filingActions(state: FilingState | string | null | undefined, role: Role | null | undefined): FilingActions {
  const authority = mayDecideFilings(role)
  const enterprise = mayFileAccess(role)
  return {
    approve: authority && state === 'submitted',
    return: authority && state === 'submitted',
    resubmit: enterprise && state === 'returned',
    attach: enterprise && (state === 'submitted' || state === 'returned'),
  }
}

/** What a step of the history did: 提交备案, 审核通过, 退回, 重新提交. */
export function historyAction(h: Pick<FilingHistory, 'from_state' | 'to_state' | 'to_state_name'>): string {
  if (!h.from_state) return '提交备案'
  if (h.to_state === 'approved') return '审核通过'
  if (h.to_state === 'returned') return '退回'
  if (h.to_state === 'submitted') return h.from_state === 'returned' ? '重新提交' : '提交备案'
  return h.to_state_name || h.to_state
}

/** The timeline colour of a step: approved green, returned red, (re)submitted blue. */
export function historyTag(h: Pick<FilingHistory, 'to_state'>): 'success' | 'danger' | 'primary' {
  return h.to_state === 'approved' ? 'success' : h.to_state === 'returned' ? 'danger' : 'primary'
}

/** The files an attachment may be (the server sniffs PDF, JPEG, PNG and ZIP/Office files). */
export const ATTACHMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png,.zip,.docx,.xlsx,.pptx'

export function isAcceptedAttachment(name: string): boolean {
  const n = name.toLowerCase()
  return ATTACHMENT_ACCEPT.split(',').some((ext) => n.endsWith(ext))
}
