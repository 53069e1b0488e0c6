// 导出Excel of a ledger tab: its list with the filters (and order) in force as an .xlsx file in the
// columns of the import template, so the file re-imports unchanged. Every role may export; the
// server limits the rows to the account's scope.

import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { ledgerExport, type ExportableLedger } from '@/api'
import type { FileResult, Query } from '@/api/http'
import { defaultFilename, saveFile } from '@/utils/download'
import { errorMessage } from '@/utils/problem'

/** The export of any list: `fetchFile` asks the server for the file of the filters and order. */
export function useFileExport(
  fetchFile: (filter: Query, sort?: string) => Promise<FileResult>,
  /** The file name's base when the server names none, e.g. 居民小区台账. */
  title: string,
  /** The filters of the list, as its query. */
  filter: () => Query,
  sort: () => string = () => '',
) {
  const exporting = ref(false)
  async function exportXlsx() {
    exporting.value = true
    try {
      saveFile(await fetchFile(filter(), sort() || undefined), defaultFilename(title))
      ElMessage.success('导出成功')
    } catch (e) {
      ElMessage.error(`导出失败：${errorMessage(e)}`)
    } finally {
      exporting.value = false
    }
  }
  return { exporting, exportXlsx }
}

/** The export of an industry ledger (/industry/<type>?format=xlsx). */
export function useLedgerExport(
  type: ExportableLedger,
  /** The file name's base when the server names none, e.g. 居民小区台账. */
  title: string,
  /** The filters of the list, as its query. */
  filter: () => Query,
  sort: () => string = () => '',
) {
  return useFileExport((f, s) => ledgerExport(type, f, s), title, filter, sort)
}
