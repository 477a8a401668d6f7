import { describe, expect, it } from 'vitest'
import type { Sale } from '../journal/sale'
import { computeReport } from './report'
import { reportToCsv } from './report-csv'

const sale = (id: string, status: Sale['status'], tipMinor: number | null): Sale => ({
  id,
  orderId: `T-${id}`,
  sequence: 1,
  createdAt: 1000,
  updatedAt: 1000,
  amountMinor: 1144,
  currency: 'USD',
  description: null,
  cashier: 'Ann',
  invoiceId: null,
  status,
  exceptionStatus: 'none',
  checkoutLink: null,
  expiresAt: null,
  cancelledAt: null,
  paymentRequestId: null,
  cart:
    tipMinor === null
      ? null
      : { lines: [{ itemId: 'tea', title: 'Tea', unitMinor: 995, quantity: 1 }], tipMinor },
  rev: 1,
})

describe('tips in the X/Z report', () => {
  it('counts the tips of paid cart sales only, in their own column', () => {
    const report = computeReport({
      from: 0,
      to: 2000,
      sales: [
        sale('a', 'complete', 149),
        sale('b', 'paid', 100),
        sale('c', 'expired', 300), // never paid: its tip is no tip
        sale('d', 'complete', null), // a keypad sale
      ],
      refunds: [],
      methodOf: () => null,
    })
    const till = report.rows.find((r) => r.cashier === null && r.method === 'all')
    expect(till).toMatchObject({ sales: 3, grossMinor: 3 * 1144, tipsMinor: 249 })
    const [header, first] = reportToCsv(report).split('\r\n')
    const tips = header?.split(',').indexOf('tips') ?? -1
    expect(tips).toBeGreaterThan(-1)
    expect(first?.split(',')[tips]).toBe('2.49')
  })
})
