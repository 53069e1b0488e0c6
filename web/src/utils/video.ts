// 视频监控: the camera states (在线, 离线, 未检测) and their colours, which player a browser uses for
// an HLS stream, and what to tell people when a stream cannot be played. Pure (no Vue, no DOM, no
// hls.js), so they are unit tested.

import type { Camera } from '@/api/monitoring'
import { formatDateTime } from './datetime'
import type { Option } from './labels'
import type { TagStyle } from './monitoring'

/** The 在线状态 filter (the URL's `online`): the result of the last check. */
export const CAMERA_ONLINE_OPTIONS: Option<'true' | 'false'>[] = [
  { value: 'true', label: '在线' },
  { value: 'false', label: '离线' },
]

/** 在线, 离线, 未检测 (never checked). */
export function cameraOnlineName(online: boolean | null | undefined): string {
  return online === true ? '在线' : online === false ? '离线' : '未检测'
}

/** 在线 green, 离线 red, 未检测 grey. */
export function cameraOnlineTag(online: boolean | null | undefined): TagStyle {
  if (online === true) return { type: 'success', effect: 'light' }
  if (online === false) return { type: 'danger', effect: 'light' }
  return { type: 'info', effect: 'plain' }
}

/** "检测于 2026-11-29 18:05" (Shanghai), or 尚未检测. */
export function cameraCheckedText(checkedAt: string | null | undefined): string {
  const s = formatDateTime(checkedAt)
  return checkedAt && s ? `检测于 ${s.slice(0, 16)}` : '尚未检测'
}

/** The MIME type of an HLS playlist, as `canPlayType` is asked. */
export const HLS_MIME = 'application/vnd.apple.mpegurl'

export type PlaybackMode = 'hls' | 'native' | 'none'

/**
 * How to play an HLS stream: hls.js where Media Source Extensions are (Chrome, Edge, Firefox,
 * Safari with ManagedMediaSource), the browser's own player where only it is (iPhone Safari before
 * MSE), else neither. hls.js comes first as its README advises: Chrome answers `canPlayType`
 * "maybe" but its own player fails on some streams and tells less about why.
 */
export function playbackMode(support: { mse: boolean; native: boolean }): PlaybackMode {
  if (support.mse) return 'hls'
  if (support.native) return 'native'
  return 'none'
}

export const VIDEO_MESSAGES = {
  unreachable: '视频流无法连接，请检查视频网关',
  timeout: '视频流连接超时，请检查视频网关',
  notPlaylist: '视频流地址返回的不是有效的HLS播放列表，请检查视频网关',
  empty: '视频流暂无画面（播放列表中没有视频片段），请检查摄像机与视频网关',
  decode: '视频流无法解码，请检查摄像机的编码设置（H.264/AAC）',
  unsupported: '当前浏览器不支持播放HLS视频流，请使用新版 Chrome、Edge、Firefox 或 Safari',
  noUrl: '该视频监控点未配置视频流地址',
  badUrl: '视频流地址不是有效的 http(s) 地址',
  mixedContent: '视频流地址为 http，https 页面中无法播放，请为视频网关配置 https 地址',
  failed: '视频流播放失败，请检查视频网关',
} as const

/**
 * What is wrong with a stream address before it is tried, or null: none, not http(s), or an http
 * stream in an https page (the browser blocks it).
 */
export function streamUrlProblem(url: string | null | undefined, pageProtocol = 'https:'): string | null {
  const s = (url ?? '').trim()
  if (!s) return VIDEO_MESSAGES.noUrl
  let parsed: URL
  try {
    parsed = new URL(s)
  } catch {
    return VIDEO_MESSAGES.badUrl
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return VIDEO_MESSAGES.badUrl
  if (pageProtocol === 'https:' && parsed.protocol === 'http:') {
    // Browsers let an https page load http://localhost (a gateway on the same machine) only.
    const local = parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1' || parsed.hostname === '[::1]'
    if (!local) return VIDEO_MESSAGES.mixedContent
  }
  return null
}

/** The message of a fatal hls.js error (its `type` and `details`). */
export function hlsErrorMessage(type: string | null | undefined, details: string | null | undefined): string {
  switch (details) {
    case 'manifestLoadTimeOut':
    case 'levelLoadTimeOut':
    case 'fragLoadTimeOut':
      return VIDEO_MESSAGES.timeout
    case 'manifestLoadError':
    case 'levelLoadError':
    case 'fragLoadError':
      return VIDEO_MESSAGES.unreachable
    case 'manifestParsingError':
    case 'levelParsingError':
      return VIDEO_MESSAGES.notPlaylist
    case 'levelEmptyError':
      return VIDEO_MESSAGES.empty
    case 'manifestIncompatibleCodecsError':
    case 'bufferAddCodecError':
    case 'bufferIncompatibleCodecsError':
    case 'fragParsingError':
      return VIDEO_MESSAGES.decode
  }
  if (type === 'networkError') return VIDEO_MESSAGES.unreachable
  if (type === 'mediaError') return VIDEO_MESSAGES.decode
  return VIDEO_MESSAGES.failed
}

/**
 * The message of a `MediaError` code of the browser's own player: 2 network, 3 decode, 4 the
 * source not playable (for an HLS address, mostly one that did not answer with a playlist).
 */
export function nativeErrorMessage(code: number | null | undefined): string {
  switch (code) {
    case 2:
    case 4:
      return VIDEO_MESSAGES.unreachable
    case 3:
      return VIDEO_MESSAGES.decode
    default:
      return VIDEO_MESSAGES.failed
  }
}

/** The cameras of one station among `items` (found by its code, e.g. searched by that code). */
export function camerasOfStation<T extends Pick<Camera, 'station_code'>>(items: readonly T[], stationCode: string | null | undefined): T[] {
  if (!stationCode) return []
  return items.filter((c) => c.station_code === stationCode)
}

/** The id of the station of exactly that code among `items` (a search by code finds longer ones too). */
export function stationIdOf(items: readonly { id: number; code: string }[], code: string | null | undefined): number | null {
  if (!code) return null
  return items.find((s) => s.code === code)?.id ?? null
}

/** A camera with the answer of a check merged in (the list keeps its row, with the new state). */
export function withCheck<T extends Pick<Camera, 'id' | 'online' | 'online_name' | 'checked_at'>>(
  rows: readonly T[],
  checked: Pick<Camera, 'id' | 'online' | 'online_name' | 'checked_at'>,
): T[] {
  return rows.map((r) =>
    r.id === checked.id ? { ...r, online: checked.online, online_name: checked.online_name, checked_at: checked.checked_at } : r,
  )
}
