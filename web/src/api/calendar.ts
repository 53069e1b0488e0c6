// 工作日历: the public holidays and make-up working days (调休) deadlines in working days are
// counted on, under /api/v1/system/calendar. Everyone reads it; the city administrator keeps it.

import { http } from '@/api'

/** holiday 放假 | workday 调休上班 */
export type DayKind = 'holiday' | 'workday'

export interface CalendarDay {
  /** YYYY-MM-DD */
  date: string
  kind: DayKind
  kind_name: string
  /** The holiday it belongs to, e.g. 国庆节. */
  name: string
}

export interface CalendarYear {
  year: number
  /** This year's arrangement has been entered. */
  known: boolean
  days: CalendarDay[]
  /** Years with days entered. */
  years: number[]
  /** Working days in the year by this calendar. */
  working_days: number
}

export interface CalendarImport {
  /** Years replaced. */
  years: number[]
  days: number
}

export const calendarApi = {
  year: (year: number) => http.get<CalendarYear>('/system/calendar', { year }),
  save: (year: number, days: Pick<CalendarDay, 'date' | 'kind' | 'name'>[]) =>
    http.put<CalendarYear>(`/system/calendar/${year}`, { days }),
  import: (file: File) => {
    const form = new FormData()
    form.append('file', file, file.name)
    return http.upload<CalendarImport>('/system/calendar/import', form)
  },
  export: () => http.file('/system/calendar/export'),
}
