// Save a file answer (Excel export, template) in the browser.

import type { FileResult } from '@/api/http'
import { formatDate } from './datetime'

/** "企业台账_20261129.xlsx": a fallback when the server names no file. */
export function defaultFilename(base: string, ext = 'xlsx', now: Date = new Date()): string {
  return `${base}_${formatDate(now).replace(/-/g, '')}.${ext}`
}

export function saveFile(file: FileResult, fallbackName: string): void {
  const url = URL.createObjectURL(file.blob)
  const a = document.createElement('a')
  a.href = url
  a.download = file.filename || fallbackName
  a.rel = 'noopener'
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // Give the browser time to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
