/**
 * X- and Z-report figures as pure functions over the journal's sale records (and, once refunds
 * exist, refund records). Everything is integer minor units per currency; nothing is converted.
 *
 * Rows: for the till and for each cashier, per currency, one row over all payment methods and one
 * per method. A method row holds what was paid that way; 'none' holds sales no money reached
 * (voids, open and expired sales). So on every column but the average, the method rows add up to
 * their 'all' row, and the cashier rows add up to the till's.
 */
import { salePhaseOf } from '../sales/sale-phase'
import {
  reportMethods,
  type Figures,
  type Report,
  type ReportMethod,
  type ReportRow,
} from '../../shared/shifts'
import type { Sale } from '../journal/sale'
import type { PaymentMethod } from '../receipts/receipt'

export type { Figures, Report, ReportMethod, ReportRow }

/** Money given back (the refunds issue records these); it counts in the period it happened in. */
export interface RefundEntry {
  saleId: string
  at: number
  amountMinor: number
  currency: string
  cashier: string | null
  method: PaymentMethod | null
}

export interface ReportInput {
  from: number
  to: number
  /** The journal's sales; those with from <= createdAt < to count. */
  sales: readonly Sale[]
  refunds: readonly RefundEntry[]
  /** How a sale was paid, when the terminal knows it (from BTCPay's invoice). */
  methodOf: (saleId: string) => PaymentMethod | null
}

const summed = [
  'sales',
  'grossMinor',
  'unconfirmed',
  'unconfirmedMinor',
  'voids',
  'voidsMinor',
  'refunds',
  'refundsMinor',
  'paidLate',
  'overpaid',
  'underpaid',
  'underpaidMinor',
  'open',
  'openMinor',
  'tipsMinor',
  'requestPayments',
  'requestPaymentsMinor',
] as const satisfies readonly (keyof Figures)[]
export type SummedFigure = (typeof summed)[number]
export const summedFigures: readonly SummedFigure[] = summed

export const emptyFigures = (): Figures => ({
  sales: 0,
  grossMinor: 0,
  unconfirmed: 0,
  unconfirmedMinor: 0,
  voids: 0,
  voidsMinor: 0,
  refunds: 0,
  refundsMinor: 0,
  netMinor: 0,
  averageMinor: 0,
  paidLate: 0,
  overpaid: 0,
  underpaid: 0,
  underpaidMinor: 0,
  open: 0,
  openMinor: 0,
  tipsMinor: 0,
  requestPayments: 0,
  requestPaymentsMinor: 0,
})

/** Which figures one sale adds to, with its amount. */
function contribution(sale: Sale): Partial<Record<SummedFigure, number>> {
  const a = sale.amountMinor
  const c: Partial<Record<SummedFigure, number>> = {}
  // Cancelled before any money arrived: a legacy 'abandoned' line, a cancelledAt on an unpaid
  // one, or one whose invoice BTCPay then voided (invalid, nothing paid: refunds/README.md).
  const voided =
    salePhaseOf(sale) === 'abandoned' ||
    (sale.cancelledAt !== null && sale.status === 'invalid' && !moneyReached(sale))
  if (voided) return { voids: 1, voidsMinor: a }
  switch (sale.status) {
    case 'paid':
      Object.assign(c, { sales: 1, grossMinor: a, unconfirmed: 1, unconfirmedMinor: a })
      break
    case 'complete':
      Object.assign(c, { sales: 1, grossMinor: a })
      break
    case 'creating':
    case 'new':
      Object.assign(c, { open: 1, openMinor: a })
      break
    case 'expired':
      if (sale.exceptionStatus === 'paidPartial')
        Object.assign(c, { underpaid: 1, underpaidMinor: a })
      break
    case 'invalid':
    case 'not-created':
      break
  }
  if (sale.status === 'paid' || sale.status === 'complete') {
    if (sale.cart && sale.cart.tipMinor > 0) c.tipsMinor = sale.cart.tipMinor
    if (sale.exceptionStatus === 'paidLate') c.paidLate = 1
    if (sale.exceptionStatus === 'paidOver') c.overpaid = 1
    if (sale.paymentRequestId) Object.assign(c, { requestPayments: 1, requestPaymentsMinor: a })
  }
  return c
}

const moneyReached = (sale: Sale) =>
  sale.status === 'paid' ||
  sale.status === 'complete' ||
  (sale.exceptionStatus !== 'none' && sale.exceptionStatus !== 'marked')

export function computeReport(input: ReportInput): Report {
  const { from, to } = input
  const rows = new Map<string, ReportRow>()
  const rowFor = (cashier: string | null, currency: string, method: ReportRow['method']) => {
    const key = JSON.stringify([cashier, currency, method])
    let row = rows.get(key)
    if (!row) {
      row = { cashier, currency, method, ...emptyFigures() }
      rows.set(key, row)
    }
    return row
  }
  const add = (
    cashier: string,
    currency: string,
    method: ReportMethod,
    c: Partial<Record<SummedFigure, number>>,
  ) => {
    for (const row of [
      rowFor(null, currency, 'all'),
      rowFor(null, currency, method),
      rowFor(cashier, currency, 'all'),
      rowFor(cashier, currency, method),
    ]) {
      for (const [k, v] of Object.entries(c) as [SummedFigure, number][]) row[k] += v
    }
  }

  for (const sale of input.sales) {
    if (sale.createdAt < from || sale.createdAt >= to) continue
    const method = input.methodOf(sale.id) ?? (moneyReached(sale) ? 'unknown' : 'none')
    add(sale.cashier ?? '', sale.currency, method, contribution(sale))
  }
  for (const r of input.refunds) {
    if (r.at < from || r.at >= to) continue
    add(r.cashier ?? '', r.currency, r.method ?? 'unknown', {
      refunds: 1,
      refundsMinor: r.amountMinor,
    })
  }

  for (const row of rows.values()) {
    row.netMinor = row.grossMinor - row.refundsMinor
    row.averageMinor =
      row.sales === 0 ? 0 : Math.floor((2 * row.grossMinor + row.sales) / (2 * row.sales))
    for (const k of summed) {
      if (!Number.isSafeInteger(row[k])) throw new RangeError('report total out of range')
    }
  }
  const order = (r: ReportRow) => [
    r.cashier === null ? 0 : 1,
    r.cashier ?? '',
    r.currency,
    r.method === 'all' ? -1 : reportMethods.indexOf(r.method),
  ]
  const sorted = [...rows.values()].sort((a, b) => {
    const x = order(a)
    const y = order(b)
    for (let i = 0; i < x.length; i++) {
      if (x[i]! < y[i]!) return -1
      if (x[i]! > y[i]!) return 1
    }
    return 0
  })
  return { from, to, rows: sorted }
}
