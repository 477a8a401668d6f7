/**
 * Opening and closing shifts, and their reports. A shift is a stretch of time on this till:
 * every sale created while it is open belongs to it. Opening one names the cashier at the till
 * (sent with each invoice); closing freezes the Z-report.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { explained } from '../../shared/ipc/result'
import { say } from '../../shared/ipc/sentence'
import { amountRefused } from '../ipc/app-errors'
import { parseAmount } from '../../shared/money'
import type { ReportPeriod } from '../../shared/shifts'
import type { Journal } from '../journal/journal'
import type { PaymentMethod } from '../receipts/receipt'
import type { SettingsStore } from '../settings/settings-store'
import { computeReport, type RefundEntry, type Report } from './report'
import { reportToCsv } from './report-csv'
import type { Shift, ShiftStore } from './shift-store'

export interface ShiftServiceDeps {
  store: ShiftStore
  journal: Journal
  settings: SettingsStore
  methodOf: (saleId: string) => PaymentMethod | null
  /** Refunds of the period; none until the refunds issue records them. */
  refunds: () => readonly RefundEntry[]
  now: () => number
  exportDir: string
}

export function createShiftService(deps: ShiftServiceDeps) {
  const { store, journal, settings, now } = deps

  function report(from: number, to: number): Report {
    return computeReport({
      from,
      to,
      sales: journal.list({ from, to, limit: Number.MAX_SAFE_INTEGER }),
      refunds: deps.refunds(),
      methodOf: deps.methodOf,
    })
  }

  function reportOf(period: ReportPeriod): { shift: Shift | null; report: Report } {
    if ('from' in period) return { shift: null, report: report(period.from, period.to) }
    const shift = store.get(period.shiftId)
    if (!shift)
      throw explained('not-found', say('shift.no-such'), 'There is no such shift on this till.')
    // A closed shift's Z-report is the one printed at closing; an open one gets an X-report now.
    return { shift, report: shift.zReport ?? report(shift.openedAt, now()) }
  }

  return {
    current: () => store.current(),

    async open(input: { cashier: string; openingFloat?: string }): Promise<Shift> {
      const cashier = input.cashier.trim()
      if (!cashier)
        throw explained('bad-input', say('shift.cashier-name'), 'Enter the cashier’s name.')
      const s = settings.get()
      let openingFloatMinor: number | null = null
      const float = input.openingFloat?.trim() ?? ''
      if (float !== '' && !/^0+([.,]0*)?$/.test(float)) {
        const amount = parseAmount(float, s.currency, Number.MAX_SAFE_INTEGER)
        if (!amount.ok) throw amountRefused(amount)
        openingFloatMinor = amount.minor
      } else if (float !== '') openingFloatMinor = 0
      const shift = await store.open({
        cashier,
        openingFloatMinor,
        currency: s.currency,
        openedAt: now(),
      })
      settings.update({ cashier })
      return shift
    },

    async close(): Promise<{ shift: Shift; report: Report }> {
      const open = store.current()
      if (!open) throw explained('bad-input', say('shift.none-open'), 'No shift is open.')
      const closedAt = now()
      const shift = await store.close(open.id, closedAt, report(open.openedAt, closedAt))
      return { shift, report: shift.zReport as Report }
    },

    report: reportOf,

    async exportCsv(period: ReportPeriod): Promise<{ path: string }> {
      const { shift, report: r } = reportOf(period)
      const stamp = (t: number) => new Date(t).toISOString().slice(0, 16).replace(/[:T]/g, '-')
      const name = shift
        ? `${shift.zReport ? 'z' : 'x'}-report-${stamp(shift.openedAt)}.csv`
        : `report-${stamp(r.from)}-to-${stamp(r.to)}.csv`
      await mkdir(deps.exportDir, { recursive: true })
      const path = join(deps.exportDir, name)
      await writeFile(path, reportToCsv(r), { mode: 0o600 })
      return { path }
    },
  }
}
export type ShiftService = ReturnType<typeof createShiftService>
