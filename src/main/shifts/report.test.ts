import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { minorDigits } from '../../shared/money'
import { createJournal, type Journal } from '../journal/journal'
import type { ExceptionStatus, Sale, SaleStatus } from '../journal/sale'
import type { PaymentMethod } from '../receipts/receipt'
import {
  computeReport,
  summedFigures,
  type RefundEntry,
  type Report,
  type ReportRow,
} from './report'
import { reportCsvHeader, reportToCsv } from './report-csv'

const T0 = Date.UTC(2026, 11, 5, 8, 0, 0)
const HOUR = 3_600_000
/** The shift: 08:00 to 16:00; sales before and after it must not count. */
const from = T0
const to = T0 + 8 * HOUR

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const outcomes: Array<[SaleStatus, ExceptionStatus]> = [
  ['complete', 'none'],
  ['complete', 'none'],
  ['complete', 'paidOver'],
  ['complete', 'paidLate'],
  ['paid', 'none'],
  ['paid', 'paidLate'],
  ['abandoned', 'none'],
  ['new', 'none'],
  ['new', 'paidPartial'],
  ['creating', 'none'],
  ['expired', 'none'],
  ['expired', 'paidPartial'],
  ['invalid', 'none'],
  ['not-created', 'none'],
]

let dir: string
let journal: Journal
const methods = new Map<string, PaymentMethod>()
const refunds: RefundEntry[] = []
let report: Report

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'report-'))
  journal = createJournal({ dir, fsync: false, autoCompact: false })
  await journal.load()
  const rnd = random(17)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T
  for (let i = 0; i < 400; i++) {
    const currency = pick(['EUR', 'EUR', 'JPY', 'BHD'])
    const { orderId, sequence } = await journal.nextOrderId('TILL1')
    // 10 hours of sales around the 8-hour shift.
    const createdAt = T0 - HOUR + Math.floor(rnd() * 10 * HOUR)
    const sale = await journal.record({
      id: `sale-${i}`,
      orderId,
      sequence,
      createdAt,
      amountMinor: 1 + Math.floor(rnd() * 10 ** (minorDigits(currency) + 3)),
      currency,
      description: null,
      cashier: pick(['Ann', 'Bob', 'Bob', null]),
      invoiceId: null,
      status: 'creating',
      exceptionStatus: 'none',
      checkoutLink: null,
      expiresAt: null,
      cancelledAt: null,
      // About one in five is a counter payment on a payment request: a sale like any other.
      paymentRequestId: rnd() < 0.2 ? `PR-${i % 7}` : null,
    }).durable
    const [status, exceptionStatus] = pick(outcomes)
    if (status !== 'creating') await journal.update(sale.id, { status, exceptionStatus })
    if (status === 'paid' || status === 'complete' || exceptionStatus === 'paidPartial') {
      if (rnd() < 0.9) methods.set(sale.id, pick(['lightning', 'on-chain'] as const))
    }
    if (status === 'complete' && rnd() < 0.1) {
      refunds.push({
        saleId: sale.id,
        at: createdAt + HOUR,
        amountMinor: Math.ceil(sale.amountMinor / 2),
        currency,
        cashier: sale.cashier,
        method: methods.get(sale.id) ?? null,
      })
    }
  }
  report = computeReport({
    from,
    to,
    sales: journal.list({ from: 0, to: Number.MAX_SAFE_INTEGER, limit: Number.MAX_SAFE_INTEGER }),
    refunds,
    methodOf: (id) => methods.get(id) ?? null,
  })
})

afterAll(async () => {
  await journal.close()
  rmSync(dir, { recursive: true, force: true })
})

const till = (currency: string) =>
  report.rows.find((r) => r.cashier === null && r.currency === currency && r.method === 'all')!
const sum = (rows: ReportRow[], key: (typeof summedFigures)[number]) =>
  rows.reduce((s, r) => s + r[key], 0)
const inShift = (s: Sale) => s.createdAt >= from && s.createdAt < to

describe('Z-report over a journal of 400 sales', () => {
  const currencies = ['BHD', 'EUR', 'JPY']

  it('matches the journal’s own totals for the shift to the minor unit', () => {
    // The data exercises every kind of row: refunds, both methods, unknown methods, sales outside the shift.
    expect(refunds.filter((r) => r.at >= from && r.at < to).length).toBeGreaterThan(3)
    expect(new Set(report.rows.map((r) => r.method))).toEqual(
      new Set(['all', 'lightning', 'on-chain', 'unknown', 'none']),
    )
    expect(journal.list({ from: 0, to: from, limit: 1000 }).length).toBeGreaterThan(10)
    const totals = journal.totals({ from, to })
    expect(totals.map((t) => t.currency)).toEqual(currencies)
    for (const t of totals) {
      const row = till(t.currency)
      expect(row.sales).toBe(t.count)
      expect(row.grossMinor).toBe(t.settledMinor + t.pendingMinor)
      expect(row.unconfirmedMinor).toBe(t.pendingMinor)
    }
  })

  it('counts every sale of the shift by what became of it, and none outside it', () => {
    const sales = journal.list({ from, to, limit: Number.MAX_SAFE_INTEGER })
    expect(sales.every(inShift)).toBe(true)
    for (const currency of currencies) {
      const mine = sales.filter((s) => s.currency === currency)
      const of = (pred: (s: Sale) => boolean) => mine.filter(pred)
      const total = (xs: Sale[]) => xs.reduce((n, s) => n + s.amountMinor, 0)
      const row = till(currency)
      const voided = of((s) => s.status === 'abandoned')
      const open = of((s) => s.status === 'creating' || s.status === 'new')
      const under = of((s) => s.status === 'expired' && s.exceptionStatus === 'paidPartial')
      expect([row.voids, row.voidsMinor]).toEqual([voided.length, total(voided)])
      expect([row.open, row.openMinor]).toEqual([open.length, total(open)])
      expect([row.underpaid, row.underpaidMinor]).toEqual([under.length, total(under)])
      const paid = of((s) => s.status === 'paid' || s.status === 'complete')
      expect(row.paidLate).toBe(paid.filter((s) => s.exceptionStatus === 'paidLate').length)
      expect(row.overpaid).toBe(paid.filter((s) => s.exceptionStatus === 'paidOver').length)
      const onRequests = paid.filter((s) => s.paymentRequestId !== null)
      expect(onRequests.length).toBeGreaterThan(0)
      expect([row.requestPayments, row.requestPaymentsMinor]).toEqual([
        onRequests.length,
        total(onRequests),
      ])
      const refunded = refunds.filter((r) => r.currency === currency && r.at >= from && r.at < to)
      expect(row.refunds).toBe(refunded.length)
      expect(row.refundsMinor).toBe(refunded.reduce((n, r) => n + r.amountMinor, 0))
      expect(row.netMinor).toBe(row.grossMinor - row.refundsMinor)
    }
  })

  it('adds up: payment-method rows to their total, cashiers to the till', () => {
    for (const currency of currencies) {
      const tillRow = till(currency)
      const methodRows = report.rows.filter(
        (r) => r.cashier === null && r.currency === currency && r.method !== 'all',
      )
      const cashierRows = report.rows.filter(
        (r) => r.cashier !== null && r.currency === currency && r.method === 'all',
      )
      expect(cashierRows.map((r) => r.cashier).sort()).toEqual(['', 'Ann', 'Bob'])
      for (const key of summedFigures) {
        expect(sum(methodRows, key), `${currency} ${key} by method`).toBe(tillRow[key])
        expect(sum(cashierRows, key), `${currency} ${key} by cashier`).toBe(tillRow[key])
      }
      for (const m of methodRows) {
        const perCashier = report.rows.filter(
          (r) => r.cashier !== null && r.currency === currency && r.method === m.method,
        )
        for (const key of summedFigures) expect(sum(perCashier, key)).toBe(m[key])
      }
    }
  })

  it('rounds the average sale half up, in minor units', () => {
    for (const row of report.rows) {
      if (row.sales === 0) expect(row.averageMinor).toBe(0)
      else {
        expect(Number.isInteger(row.averageMinor)).toBe(true)
        expect(Math.abs(row.averageMinor * row.sales - row.grossMinor)).toBeLessThanOrEqual(
          row.sales / 2,
        )
      }
    }
    const one = (amountMinor: number, id: string): Sale => ({
      ...journal.list({ from, to, limit: 1 })[0]!,
      id,
      amountMinor,
      currency: 'EUR',
      status: 'complete',
      exceptionStatus: 'none',
      createdAt: from,
    })
    const { rows } = computeReport({
      from,
      to,
      sales: [one(100, 'a'), one(101, 'b')],
      refunds: [],
      methodOf: () => 'lightning',
    })
    expect(rows[0]).toMatchObject({ sales: 2, grossMinor: 201, averageMinor: 101 })
  })

  it('counts a cancelled sale BTCPay then voided as a void, unless money had reached it', () => {
    const cancelled = (id: string, exceptionStatus: ExceptionStatus): Sale => ({
      ...journal.list({ from, to, limit: 1 })[0]!,
      id,
      amountMinor: 420,
      currency: 'EUR',
      status: 'invalid',
      exceptionStatus,
      cancelledAt: from + 1,
      createdAt: from,
    })
    const { rows } = computeReport({
      from,
      to,
      sales: [cancelled('voided', 'marked'), cancelled('paid-part', 'paidPartial')],
      refunds: [],
      methodOf: () => null,
    })
    const till = rows.find((r) => r.cashier === null && r.method === 'all')
    expect(till).toMatchObject({ voids: 1, voidsMinor: 420, sales: 0, grossMinor: 0 })
  })

  it('exports the same figures as CSV, exact decimals per currency', () => {
    const csv = reportToCsv(report)
    const lines = csv.trimEnd().split('\r\n')
    expect(lines[0]).toBe(reportCsvHeader.join(','))
    expect(lines).toHaveLength(report.rows.length + 1)
    const col = (name: string) => reportCsvHeader.indexOf(name)
    const cells = lines.slice(1).map((l) => l.split(','))
    for (const currency of currencies) {
      const digits = minorDigits(currency)
      const minor = (text: string) => {
        const [whole = '0', fraction = ''] = text.replace('-', '').split('.')
        expect(fraction.length).toBe(digits)
        return (text.startsWith('-') ? -1 : 1) * Number(whole + fraction)
      }
      const tillLine = cells.find(
        (c) =>
          c[col('scope')] === 'till' &&
          c[col('currency')] === currency &&
          c[col('method')] === 'all',
      )!
      const methodLines = cells.filter(
        (c) =>
          c[col('scope')] === 'till' &&
          c[col('currency')] === currency &&
          c[col('method')] !== 'all',
      )
      for (const name of ['gross', 'refunds_amount', 'net', 'voids_amount', 'open_amount']) {
        const total = methodLines.reduce((n, c) => n + minor(c[col(name)]!), 0)
        expect(total, `${currency} ${name}`).toBe(minor(tillLine[col(name)]!))
      }
      expect(minor(tillLine[col('gross')]!)).toBe(till(currency).grossMinor)
      expect(Number(tillLine[col('sales')])).toBe(till(currency).sales)
    }
  })
})
