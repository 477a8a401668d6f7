import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createJournal, type Journal } from '../journal/journal'
import { newSale, type SaleDraft } from '../journal/new-sale'
import { silentLogger } from '../log/logger'
import { createPaymentRecordStore } from '../receipts/payment-record-store'
import { saleViewOf } from './sale-view'
import { createSalesHistory } from './sales-history'

const dirs: string[] = []
const journals: Journal[] = []
afterEach(async () => {
  for (const j of journals.splice(0)) await j.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const DAY = Date.UTC(2026, 10, 21)

/** A real journal and payment record store in a temporary data folder. */
async function historyWith(drafts: Omit<SaleDraft, 'createdAt'>[]) {
  const dir = mkdtempSync(join(tmpdir(), 'history-'))
  dirs.push(dir)
  const journal = createJournal({ dir: join(dir, 'journal'), autoCompact: false })
  await journal.load()
  journals.push(journal)
  const payments = createPaymentRecordStore({ dir: join(dir, 'receipts'), log: silentLogger })
  await payments.load()
  const sales = []
  for (const [i, d] of drafts.entries()) {
    sales.push(
      await journal.record(
        await newSale(journal, 'TILL1', { ...d, createdAt: DAY + (i + 1) * 60_000 }),
      ).durable,
    )
  }
  const history = createSalesHistory({
    journal,
    view: (sale) => saleViewOf(sale, undefined),
    // Nothing is refunded in these tests: the refunds' own tests cover their rows and totals.
    refunds: { refundedInRange: () => new Map(), csvRows: () => [] },
    payments,
    exportDir: join(dir, 'exports'),
  })
  return { history, payments, sales }
}

const day = { from: DAY, to: DAY + 86_400_000 }

describe('sales history', () => {
  it('finds sales by amount as typed, by order id and by description, ignoring case', async () => {
    const { history } = await historyWith([
      { amountMinor: 1250, currency: 'USD', description: 'Two espressos' },
      { amountMinor: 420, currency: 'USD', description: 'Croissant' },
      { amountMinor: 1250, currency: 'EUR', description: null },
      { amountMinor: 99, currency: 'USD', description: 'Tea' },
    ])
    const found = (search: string) =>
      history.listSales({ ...day, search }).sales.map((s) => s.description ?? s.currency)
    expect(found('12.5')).toEqual(['EUR', 'Two espressos'])
    expect(found('4.20')).toEqual(['Croissant'])
    expect(found('ESPRESSO')).toEqual(['Two espressos'])
    expect(found('TILL1-4')).toEqual(['Tea'])
    expect(found('nothing like it')).toEqual([])
    expect(history.listSales(day).sales).toHaveLength(4)
  })

  it('pages a search: the next page continues after the last match', async () => {
    const { history } = await historyWith(
      [1, 2, 3, 4, 5].map((n) => ({ amountMinor: 100, currency: 'USD', description: `n${n}` })),
    )
    const first = history.listSales({ ...day, search: '1.00', limit: 2 }).sales
    const last = first[1]!
    const rest = history.listSales({
      ...day,
      search: '1.00',
      limit: 2,
      before: { createdAt: last.createdAt, id: last.id },
    }).sales
    expect([...first, ...rest].map((s) => s.description)).toEqual(['n5', 'n4', 'n3', 'n2'])
  })

  it('exports the paid amount, bitcoin, rate and method from the kept payment record', async () => {
    const { history, payments, sales } = await historyWith([
      {
        amountMinor: 420,
        currency: 'USD',
        status: 'expired',
        exceptionStatus: 'paidLate',
        invoiceId: 'INV-LATE',
      },
    ])
    const sale = sales[0]!
    await payments.put({
      saleId: sale.id,
      createdAt: sale.createdAt,
      invoiceId: 'INV-LATE',
      link: null,
      payments: [{ method: 'lightning', btc: '0.00006536', rate: '64250.5' }],
    })
    const { path, count } = await history.exportSalesCsv(day)
    expect(count).toBe(1)
    const [header, row] = readFileSync(path, 'utf8').split('\r\n')
    const cells = Object.fromEntries(header!.split(',').map((c, i) => [c, row!.split(',')[i]]))
    expect(cells).toMatchObject({
      amount: '4.20',
      paid: '4.20',
      btc: '0.00006536',
      rate: '64250.5',
      method: 'lightning',
      exceptionStatus: 'paidLate',
    })
    expect(history.salesTotals(day).totals).toEqual([
      { currency: 'USD', count: 1, settledMinor: 420, pendingMinor: 0, refundedMinor: 0 },
    ])
  })
  it('totals say how much of the day was paid on payment requests, per currency', async () => {
    const { history } = await historyWith([
      { amountMinor: 1000, currency: 'USD', status: 'complete' },
      { amountMinor: 400, currency: 'USD', status: 'complete', paymentRequestId: 'PR1' },
      { amountMinor: 600, currency: 'USD', status: 'paid', paymentRequestId: 'PR1' },
      // Not paid, so in no total: neither are they payments on a request.
      { amountMinor: 900, currency: 'USD', status: 'new', paymentRequestId: 'PR2' },
      { amountMinor: 900, currency: 'USD', status: 'expired', paymentRequestId: 'PR2' },
      { amountMinor: 700, currency: 'EUR', status: 'complete' },
    ])
    expect(history.salesTotals(day).totals).toEqual([
      { currency: 'EUR', count: 1, settledMinor: 700, pendingMinor: 0, refundedMinor: 0 },
      {
        currency: 'USD',
        count: 3,
        settledMinor: 1400,
        pendingMinor: 600,
        refundedMinor: 0,
        requests: { count: 2, minor: 1000 },
      },
    ])
    // A request paid late still counts as settled, and as the request's.
    const late = await historyWith([
      {
        amountMinor: 250,
        currency: 'USD',
        status: 'expired',
        exceptionStatus: 'paidLate',
        paymentRequestId: 'PR3',
      },
    ])
    expect(late.history.salesTotals(day).totals[0]).toMatchObject({
      settledMinor: 250,
      requests: { count: 1, minor: 250 },
    })
  })
})
