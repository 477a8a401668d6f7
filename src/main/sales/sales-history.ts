import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { RequestInput, RequestOutput } from '../../shared/ipc/contract'
import { minorDigits } from '../../shared/money'
import type { SaleView } from '../../shared/sale'
import { csvLine, toCsv, type CsvPayment } from '../journal/csv'
import type { Journal } from '../journal/journal'
import { countsInTotals, type Sale } from '../journal/sale'
import type { PaymentRecordStore } from '../receipts/payment-record-store'
import type { RefundDesk } from '../refunds/refund-desk'
import { saleSearch } from './sale-search'

/** Sales per history page when the renderer does not say. */
const DEFAULT_PAGE = 50

/**
 * The read side of the sales: a range of sales page by page (optionally searched), totals per
 * currency, and a CSV export into the data folder. It only reads the journal; the cashier writes
 * it.
 */
export function createSalesHistory(deps: {
  journal: Journal
  view: (sale: Sale) => SaleView
  refunds: Pick<RefundDesk, 'refundedInRange' | 'csvRows'>
  /** The receipts' record of how each paid sale was paid (kept across restarts). */
  payments: Pick<PaymentRecordStore, 'get'>
  exportDir: string
}) {
  const { journal, view, refunds } = deps
  /** The kept record first; else what the invoice said when last fetched (method unknown). */
  const paymentsOf = (sale: Sale): CsvPayment[] => {
    const kept = deps.payments.get(sale.id)
    if (kept) return kept.payments
    const seen = view(sale).payment
    if (!seen?.btcPaid || /^0(\.0*)?$/.test(seen.btcPaid)) return []
    return [{ method: null, btc: seen.btcPaid, rate: seen.rate }]
  }
  /** Per currency: the payments on payment requests among the sales the journal's totals count. */
  const requestPayments = (range: { from: number; to: number }) => {
    const sums = new Map<string, { count: number; minor: number }>()
    const paid = journal.list({
      ...range,
      limit: Number.MAX_SAFE_INTEGER,
      where: (s) => s.paymentRequestId !== null && countsInTotals(s),
    })
    for (const sale of paid) {
      const sum = sums.get(sale.currency) ?? { count: 0, minor: 0 }
      sums.set(sale.currency, { count: sum.count + 1, minor: sum.minor + sale.amountMinor })
    }
    return sums
  }
  return {
    listSales(input: RequestInput<'sales:list'>): RequestOutput<'sales:list'> {
      const { search, ...range } = input
      const where = search ? saleSearch(search) : undefined
      const sales = journal.list({ ...range, limit: input.limit ?? DEFAULT_PAGE, where })
      return { sales: sales.map(view) }
    },

    salesTotals(range: RequestInput<'sales:totals'>): RequestOutput<'sales:totals'> {
      // Refunds made in the range are subtracted from the day they were made, in the sale's currency.
      const refunded = refunds.refundedInRange(range)
      const requests = requestPayments(range)
      const totals: RequestOutput<'sales:totals'>['totals'] = journal.totals(range).map((t) => ({
        ...t,
        refundedMinor: refunded.get(t.currency)?.minor ?? 0,
        ...(requests.has(t.currency) && { requests: requests.get(t.currency) }),
      }))
      for (const [currency, r] of refunded) {
        if (!totals.some((t) => t.currency === currency))
          totals.push({
            currency,
            count: 0,
            settledMinor: 0,
            pendingMinor: 0,
            refundedMinor: r.minor,
          })
      }
      return {
        totals: totals.sort((a, b) => a.currency.localeCompare(b.currency)),
        unknown: journal.unknownSales(range),
      }
    },

    async journalProblems(): Promise<RequestOutput<'sales:journal-problems'>> {
      return { problems: journal.problems() }
    },

    async exportSalesCsv(
      range: RequestInput<'sales:export-csv'>,
    ): Promise<RequestOutput<'sales:export-csv'>> {
      const sales = journal.list({ ...range, limit: Number.MAX_SAFE_INTEGER })
      const day = (t: number) => new Date(t).toISOString().slice(0, 10)
      await mkdir(deps.exportDir, { recursive: true, mode: 0o700 })
      // Ranges are half-open: the last day included is the one before `to`.
      const path = join(deps.exportDir, `sales-${day(range.from)}-to-${day(range.to - 1)}.csv`)
      // Voids and refunds follow as rows of their own (status `void` or `refund-<state>`).
      const extra = refunds.csvRows(range).map(csvLine)
      await writeFile(path, toCsv(sales, { minorDigits, paymentsOf }) + extra.join(''), {
        mode: 0o600,
      })
      return { path, count: sales.length + extra.length }
    },
  }
}
export type SalesHistory = ReturnType<typeof createSalesHistory>
