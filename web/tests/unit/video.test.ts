import { describe, expect, it } from 'vitest'
import {
  CAMERA_ONLINE_OPTIONS,
  VIDEO_MESSAGES,
  cameraCheckedText,
  cameraOnlineName,
  cameraOnlineTag,
  camerasOfStation,
  hlsErrorMessage,
  nativeErrorMessage,
  playbackMode,
  stationIdOf,
  streamUrlProblem,
  withCheck,
} from '@/utils/video'
import { mayImportCameras } from '@/utils/permissions'

describe('camera states', () => {
  it('names the result of the last check', () => {
    expect(cameraOnlineName(true)).toBe('在线')
    expect(cameraOnlineName(false)).toBe('离线')
    expect(cameraOnlineName(null)).toBe('未检测')
    expect(cameraOnlineName(undefined)).toBe('未检测')
  })

  it('colours 在线 green, 离线 red, 未检测 grey', () => {
    expect(cameraOnlineTag(true).type).toBe('success')
    expect(cameraOnlineTag(false).type).toBe('danger')
    expect(cameraOnlineTag(null)).toEqual({ type: 'info', effect: 'plain' })
  })

  it('filters by the URL values of the API', () => {
    expect(CAMERA_ONLINE_OPTIONS).toEqual([
      { value: 'true', label: '在线' },
      { value: 'false', label: '离线' },
    ])
  })

  it('writes the check time in Shanghai, or 尚未检测', () => {
    expect(cameraCheckedText('2026-11-29T10:05:03Z')).toBe('检测于 2026-11-29 18:05')
    expect(cameraCheckedText(null)).toBe('尚未检测')
    expect(cameraCheckedText('')).toBe('尚未检测')
  })
})

describe('playbackMode', () => {
  it('prefers hls.js wherever Media Source Extensions are', () => {
    expect(playbackMode({ mse: true, native: true })).toBe('hls')
    expect(playbackMode({ mse: true, native: false })).toBe('hls')
  })

  it("uses the browser's own player where only it is, else neither", () => {
    expect(playbackMode({ mse: false, native: true })).toBe('native')
    expect(playbackMode({ mse: false, native: false })).toBe('none')
  })
})

describe('streamUrlProblem', () => {
  it('accepts http(s) playlists', () => {
    expect(streamUrlProblem('http://10.1.2.3:8080/live/cam1/index.m3u8', 'http:')).toBeNull()
    expect(streamUrlProblem('https://video.example.cn/live/cam1.m3u8', 'https:')).toBeNull()
  })

  it('refuses a missing or non-http address', () => {
    expect(streamUrlProblem('', 'http:')).toBe(VIDEO_MESSAGES.noUrl)
    expect(streamUrlProblem(null)).toBe(VIDEO_MESSAGES.noUrl)
    expect(streamUrlProblem('  ')).toBe(VIDEO_MESSAGES.noUrl)
    expect(streamUrlProblem('rtsp://10.1.2.3/stream1', 'http:')).toBe(VIDEO_MESSAGES.badUrl)
    expect(streamUrlProblem('not a url', 'http:')).toBe(VIDEO_MESSAGES.badUrl)
  })

  it('tells of an http stream in an https page, except on this machine', () => {
    expect(streamUrlProblem('http://10.1.2.3/live.m3u8', 'https:')).toBe(VIDEO_MESSAGES.mixedContent)
    expect(streamUrlProblem('http://127.0.0.1:18080/demo-video/C1/index.m3u8', 'https:')).toBeNull()
    expect(streamUrlProblem('http://localhost/live.m3u8', 'https:')).toBeNull()
  })
})

describe('error messages', () => {
  it('says that the gateway cannot be reached when the playlist does not load', () => {
    expect(hlsErrorMessage('networkError', 'manifestLoadError')).toBe('视频流无法连接，请检查视频网关')
    expect(hlsErrorMessage('networkError', 'levelLoadError')).toBe(VIDEO_MESSAGES.unreachable)
    expect(hlsErrorMessage('networkError', 'somethingNew')).toBe(VIDEO_MESSAGES.unreachable)
  })

  it('tells timeouts, bad playlists, empty playlists and codecs apart', () => {
    expect(hlsErrorMessage('networkError', 'manifestLoadTimeOut')).toBe(VIDEO_MESSAGES.timeout)
    expect(hlsErrorMessage('networkError', 'manifestParsingError')).toBe(VIDEO_MESSAGES.notPlaylist)
    expect(hlsErrorMessage('networkError', 'levelEmptyError')).toBe(VIDEO_MESSAGES.empty)
    expect(hlsErrorMessage('mediaError', 'bufferAddCodecError')).toBe(VIDEO_MESSAGES.decode)
    expect(hlsErrorMessage('mediaError', 'other')).toBe(VIDEO_MESSAGES.decode)
    expect(hlsErrorMessage('otherError', 'internalException')).toBe(VIDEO_MESSAGES.failed)
    expect(hlsErrorMessage(null, null)).toBe(VIDEO_MESSAGES.failed)
  })

  it("maps the browser's MediaError codes", () => {
    expect(nativeErrorMessage(2)).toBe(VIDEO_MESSAGES.unreachable)
    expect(nativeErrorMessage(4)).toBe(VIDEO_MESSAGES.unreachable)
    expect(nativeErrorMessage(3)).toBe(VIDEO_MESSAGES.decode)
    expect(nativeErrorMessage(1)).toBe(VIDEO_MESSAGES.failed)
    expect(nativeErrorMessage(undefined)).toBe(VIDEO_MESSAGES.failed)
  })
})

describe('camerasOfStation', () => {
  const cams = [
    { id: 1, station_code: 'ST-1' },
    { id: 2, station_code: 'ST-10' },
    { id: 3, station_code: null },
    { id: 4, station_code: 'ST-1' },
  ]

  it('keeps the cameras of exactly that station (a search by code also finds ST-10)', () => {
    expect(camerasOfStation(cams, 'ST-1').map((c) => c.id)).toEqual([1, 4])
  })

  it('finds none without a code', () => {
    expect(camerasOfStation(cams, null)).toEqual([])
    expect(camerasOfStation(cams, '')).toEqual([])
  })
})

describe('stationIdOf', () => {
  it('finds the station of exactly that code', () => {
    const stations = [
      { id: 10, code: 'QATU8H-0010' },
      { id: 1, code: 'QATU8H-001' },
    ]
    expect(stationIdOf(stations, 'QATU8H-001')).toBe(1)
    expect(stationIdOf(stations, 'QATU8H-00')).toBeNull()
    expect(stationIdOf(stations, null)).toBeNull()
    expect(stationIdOf([], 'QATU8H-001')).toBeNull()
  })
})

describe('withCheck', () => {
  it('merges the result of a check into its row only', () => {
    const rows = [
      { id: 1, name: '门站1号', online: null, online_name: '未检测', checked_at: null },
      { id: 2, name: '门站2号', online: null, online_name: '未检测', checked_at: null },
    ]
    const out = withCheck(rows, { id: 2, online: false, online_name: '离线', checked_at: '2026-11-29T10:00:00Z' })
    expect(out[0]).toBe(rows[0])
    expect(out[1]).toEqual({ id: 2, name: '门站2号', online: false, online_name: '离线', checked_at: '2026-11-29T10:00:00Z' })
    expect(rows[1].online).toBeNull()
  })
})

describe('mayImportCameras', () => {
  it('is who imports monitoring points', () => {
    expect(mayImportCameras('city_admin')).toBe(true)
    expect(mayImportCameras('county_officer')).toBe(true)
    expect(mayImportCameras('enterprise_user')).toBe(true)
    expect(mayImportCameras('inspector')).toBe(false)
    expect(mayImportCameras(null)).toBe(false)
  })
})
