import { create } from 'zustand'
import type { RequestInput, RequestOutput } from '../../../shared/ipc/contract'
import type { PosApi } from '../../../shared/ipc/pos-api'
import type { Result } from '../../../shared/ipc/result'
import type { ReportPeriod, Shift } from '../../../shared/shifts'
import { failText } from '../i18n/fail-words'

export type ShiftReport = RequestOutput<'shifts:report'>

/** Which report is on screen: an X-report of the open shift, a Z-report, or a day or range. */
export type ShownReport = {
  /** In the screen's words; null for the Z-report of the shift just closed, which the screen names. */
  title: string | null
  period: ReportPeriod
  data: ShiftReport
}

export type ShiftState = {
  /** The open shift; null when none is open, undefined before main answered. */
  current: Shift | null | undefined
  shown: ShownReport | null
  busy: boolean
  error: string | null
  init(): () => void
  open(input: RequestInput<'shifts:open'>): Promise<boolean>
  /** Manager only (main checks); the Z-report stays on screen until the cashier moves on. */
  close(): Promise<boolean>
  showReport(title: string, period: ReportPeriod): Promise<boolean>
  dismissReport(): void
  exportCsv(period: ReportPeriod): Promise<Result<RequestOutput<'shifts:export-csv'>>>
  printReport(period: ReportPeriod): Promise<Result<RequestOutput<'shifts:print-report'>>>
}

export function createShiftStore(api: PosApi) {
  return create<ShiftState>()((set) => {
    /** Runs one call with busy/error bookkeeping; returns its data, or null after a failure. */
    const step = async <T>(call: () => Promise<Result<T>>): Promise<T | null> => {
      set({ busy: true, error: null })
      const r = await call()
      set({ busy: false, error: r.ok ? null : failText(r) })
      return r.ok ? r.data : null
    }
    const refresh = async () => {
      const r = await api.currentShift()
      set(r.ok ? { current: r.data } : { error: failText(r) })
    }
    return {
      current: undefined,
      shown: null,
      busy: false,
      error: null,
      init() {
        void refresh()
        return () => undefined
      },
      async open(input) {
        const shift = await step(() => api.openShift(input))
        if (shift) set({ current: shift })
        return shift !== null
      },
      async close() {
        const closed = await step(() => api.closeShift())
        if (!closed) return false
        set({
          current: null,
          shown: closed.shift
            ? {
                title: null,
                period: { shiftId: closed.shift.id },
                data: closed,
              }
            : null,
        })
        return true
      },
      async showReport(title, period) {
        const data = await step(() => api.shiftReport(period))
        if (data) set({ shown: { title, period, data } })
        return data !== null
      },
      dismissReport: () => set({ shown: null, error: null }),
      exportCsv: (period) => api.exportShiftReportCsv(period),
      printReport: (period) => api.printShiftReport(period),
    }
  })
}
