// Safety devices (技防设施) of gas users in the statistics.

import type { DeviceStat, SafetyDevice } from '@/api/types'

/** The installation rate (0..1) of one device in a statistics row. */
export function deviceRate(stat: DeviceStat, device: SafetyDevice): number {
  const r = stat[`${device}_rate`]
  return Number.isFinite(r) ? r : 0
}
