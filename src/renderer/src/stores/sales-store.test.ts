import { describe, expect, it } from 'vitest'
import { say } from '../../../shared/ipc/sentence'
import type { SaleView } from '../../../shared/sale'
import { deferred, fail, fakePosApi, ok, saleView } from './fake-pos-api.testutil'
import { createSalesStore, mergeSale, PAGE_SIZE } from './sales-store'

const range = { from: 1_699_990_000_000, to: 1_700_076_400_000 }
const flush = () => new Promise((r) => setTimeout(r, 0))

function setup() {
  const fake = fakePosApi()
  const store = createSalesStore(fake.api)
  const off = store.getState().init()
  return { fake, store, off }
}

describe('sales store: charge, open, cancel', () => {
  it('subscribes at init and unsubscribes with the returned function', () => {
    const { fake, off } = setup()
    expect(fake.listenerCount()).toBe(1)
    off()
    expect(fake.listenerCount()).toBe(0)
  })

  it('a successful charge becomes the current sale', async () => {
    const { fake, store } = setup()
    fake.on('charge', () => ok(saleView()))
    expect(await store.getState().charge({ amount: '12.50', description: 'Coffee' })).toBe(true)
    expect(fake.calls).toEqual([
      { method: 'charge', input: { amount: '12.50', description: 'Coffee' } },
    ])
    expect(store.getState().current?.id).toBe('sale-1')
    expect(store.getState().busy).toBe(false)
  })

  it('a failed charge keeps the keypad and shows main’s message', async () => {
    const { fake, store } = setup()
    fake.on('charge', () => fail('A charge is already being sent.', [say('sale.charging')]))
    expect(await store.getState().charge({ amount: '1' })).toBe(false)
    expect(store.getState().current).toBeNull()
    expect(store.getState().error).toBe('A charge is already being sent. Wait a moment.')
  })

  it('refuses a second charge while one is in flight', async () => {
    const { fake, store } = setup()
    const answer = deferred<ReturnType<typeof ok<SaleView>>>()
    fake.on('charge', () => answer.promise)
    const first = store.getState().charge({ amount: '1' })
    expect(await store.getState().charge({ amount: '1' })).toBe(false)
    answer.resolve(ok(saleView()))
    expect(await first).toBe(true)
    expect(fake.calls.filter((c) => c.method === 'charge')).toHaveLength(1)
  })

  it('events update the current sale, and stale versions are dropped', async () => {
    const { fake, store } = setup()
    fake.on('charge', () => ok(saleView()))
    await store.getState().charge({ amount: '1' })
    fake.push(3, saleView({ phase: 'paid' }))
    expect(store.getState().current?.phase).toBe('paid')
    fake.push(2, saleView({ phase: 'waiting' }))
    expect(store.getState().current?.phase).toBe('paid')
    fake.push(3, saleView({ phase: 'waiting' }))
    expect(store.getState().current?.phase).toBe('paid')
    fake.push(4, saleView({ phase: 'settled' }))
    expect(store.getState().current?.phase).toBe('settled')
  })

  it('versions are per sale: another sale’s event does not touch the current one', async () => {
    const { fake, store } = setup()
    fake.on('charge', () => ok(saleView()))
    await store.getState().charge({ amount: '1' })
    fake.push(9, saleView({ id: 'sale-2', phase: 'expired' }))
    fake.push(1, saleView({ phase: 'partial' }))
    expect(store.getState().current).toMatchObject({ id: 'sale-1', phase: 'partial' })
  })

  it('an event that overtook the charge answer wins over it', async () => {
    const { fake, store } = setup()
    const answer = deferred<ReturnType<typeof ok<SaleView>>>()
    fake.on('charge', () => answer.promise)
    const charging = store.getState().charge({ amount: '1' })
    fake.push(5, saleView({ phase: 'paid' }))
    answer.resolve(ok(saleView({ phase: 'waiting' })))
    await charging
    expect(store.getState().current?.phase).toBe('paid')
  })

  it('a "creating" event does not hide the invoice the answer brings', async () => {
    const { fake, store } = setup()
    const answer = deferred<ReturnType<typeof ok<SaleView>>>()
    fake.on('charge', () => answer.promise)
    const charging = store.getState().charge({ amount: '1' })
    fake.push(1, saleView({ phase: 'creating', invoiceId: null, payment: null }))
    answer.resolve(ok(saleView({ phase: 'waiting' })))
    await charging
    expect(store.getState().current).toMatchObject({ phase: 'waiting', invoiceId: 'inv-1' })
  })

  it('open shows a pending sale; an older event seen before does not replace the fresh view', async () => {
    const { fake, store } = setup()
    fake.push(1, saleView({ phase: 'waiting', payment: null }))
    fake.on('openSale', () => ok(saleView({ phase: 'partial' })))
    expect(await store.getState().openSale('sale-1')).toBe(true)
    expect(fake.calls).toContainEqual({ method: 'openSale', input: { saleId: 'sale-1' } })
    expect(store.getState().current?.phase).toBe('partial')
  })

  it('open failure keeps the screen and shows the message', async () => {
    const { fake, store } = setup()
    fake.on('openSale', () => fail('No such sale.'))
    expect(await store.getState().openSale('x')).toBe(false)
    expect(store.getState()).toMatchObject({
      current: null,
      error:
        'The BTCPay Server could not be reached. Check the internet connection of this computer.',
    })
  })

  it('cancel goes back to the keypad; a failed cancel stays with its message', async () => {
    const { fake, store } = setup()
    fake.on('charge', () => ok(saleView()))
    await store.getState().charge({ amount: '1' })
    fake.on('cancelSale', () => fail('The server refused.'))
    expect(await store.getState().cancelSale()).toBe(false)
    expect(store.getState()).toMatchObject({
      current: { id: 'sale-1' },
      error:
        'The BTCPay Server could not be reached. Check the internet connection of this computer.',
    })
    fake.on('cancelSale', () => ok(saleView({ phase: 'abandoned' })))
    expect(await store.getState().cancelSale()).toBe(true)
    expect(store.getState()).toMatchObject({ current: null, error: null })
    expect(fake.calls.filter((c) => c.method === 'cancelSale').at(-1)?.input).toEqual({
      saleId: 'sale-1',
    })
  })

  it('leave returns to the keypad without calling main', async () => {
    const { fake, store } = setup()
    fake.on('charge', () => ok(saleView({ phase: 'settled' })))
    await store.getState().charge({ amount: '1' })
    store.getState().leave()
    expect(store.getState().current).toBeNull()
    expect(fake.calls.map((c) => c.method)).toEqual(['charge'])
  })

  it('the QR code picked stays with its sale: told to main, dropped when the sale leaves', async () => {
    const { fake, store } = setup()
    fake.on('charge', () => ok(saleView()))
    fake.on('showPaymentMethod', () => ok({ done: true as const }))
    await store.getState().charge({ amount: '1' })
    await store.getState().showPaymentMethod({ saleId: 'sale-1', method: 'onchain' })
    expect(store.getState().pickedMethod).toEqual({ saleId: 'sale-1', method: 'onchain' })
    expect(fake.calls.at(-1)).toEqual({
      method: 'showPaymentMethod',
      input: { saleId: 'sale-1', method: 'onchain' },
    })
    // Main forgets the pick when the sale leaves the screen; so does the till.
    store.getState().leave()
    expect(store.getState().pickedMethod).toBeNull()
  })

  it('a reloaded page opens the sale with the code main remembers, without telling main again', async () => {
    const { fake, store } = setup()
    fake.on('openSale', () => ok(saleView()))
    store.getState().recallPaymentMethod({ saleId: 'sale-1', method: 'onchain' })
    await store.getState().openSale('sale-1')
    expect(store.getState().pickedMethod).toEqual({ saleId: 'sale-1', method: 'onchain' })
    expect(fake.calls.map((c) => c.method)).toEqual(['openSale'])
    // Another sale on the screen starts from its preferred code.
    fake.on('openSale', () => ok(saleView({ id: 'sale-2' })))
    await store.getState().openSale('sale-2')
    expect(store.getState().pickedMethod).toBeNull()
  })
})

describe('sales store: paid after cancel', () => {
  const cancelled = (phase: SaleView['phase']) =>
    saleView({ phase, cancelledAt: 1_700_000_060_000 })

  it('money on a cancelled sale becomes a notice that stays until dismissed', () => {
    const { fake, store } = setup()
    fake.push(1, cancelled('abandoned'))
    expect(store.getState().paidAfterCancel).toEqual([])
    fake.push(2, cancelled('paid'))
    expect(store.getState().paidAfterCancel.map((s) => s.phase)).toEqual(['paid'])
    fake.push(3, cancelled('settled'))
    expect(store.getState().paidAfterCancel.map((s) => s.phase)).toEqual(['settled'])
    store.getState().dismissPaidAfterCancel('sale-1')
    expect(store.getState().paidAfterCancel).toEqual([])
    fake.push(4, cancelled('overpaid'))
    expect(store.getState().paidAfterCancel).toEqual([])
  })

  it('a sale paid without a cancel is no notice; several cancelled sales each get one', () => {
    const { fake, store } = setup()
    fake.push(1, saleView({ phase: 'paid' }))
    fake.push(2, saleView({ id: 'a', phase: 'partial', cancelledAt: 1 }))
    fake.push(3, saleView({ id: 'b', phase: 'paid-late', cancelledAt: 2 }))
    expect(store.getState().paidAfterCancel.map((s) => s.id)).toEqual(['a', 'b'])
  })
})

describe('sales store: history', () => {
  const at = (i: number) => range.to - 1 - i * 60_000
  const page = (start: number, count: number) =>
    Array.from({ length: count }, (_, i) =>
      saleView({ id: `s${start + i}`, createdAt: at(start + i), phase: 'settled' }),
    )
  const totals = [
    { currency: 'USD', count: 3, settledMinor: 3750, pendingMinor: 0, refundedMinor: 0 },
  ]

  it('loads a day with its totals and the sales a damaged journal line hides', async () => {
    const { fake, store } = setup()
    fake.on('listSales', () => ok({ sales: page(0, 3) }))
    fake.on('salesTotals', () => ok({ totals, unknown: 2 }))
    await store.getState().showRange(range)
    const h = store.getState().history
    expect(h.sales.map((s) => s.id)).toEqual(['s0', 's1', 's2'])
    expect(h).toMatchObject({
      hasMore: false,
      loading: false,
      error: null,
      totals,
      unknownSales: 2,
    })
    expect(fake.calls).toContainEqual({
      method: 'listSales',
      input: { ...range, limit: PAGE_SIZE },
    })
    expect(fake.calls).toContainEqual({ method: 'salesTotals', input: range })
  })

  it('pages with `before` the last sale shown, without duplicates', async () => {
    const { fake, store } = setup()
    fake.on('listSales', (input: { before?: { createdAt: number; id: string } }) =>
      ok({ sales: input.before ? page(PAGE_SIZE - 1, 3) : page(0, PAGE_SIZE) }),
    )
    fake.on('salesTotals', () => ok({ totals, unknown: 0 }))
    await store.getState().showRange(range)
    expect(store.getState().history.hasMore).toBe(true)
    await store.getState().loadMore()
    const h = store.getState().history
    expect(fake.calls.at(-1)).toEqual({
      method: 'listSales',
      input: {
        ...range,
        limit: PAGE_SIZE,
        before: { createdAt: at(PAGE_SIZE - 1), id: `s${PAGE_SIZE - 1}` },
      },
    })
    expect(h.sales).toHaveLength(PAGE_SIZE + 2)
    expect(new Set(h.sales.map((s) => s.id)).size).toBe(PAGE_SIZE + 2)
    expect(h.hasMore).toBe(false)
  })

  it('drops an answer for a day no longer shown', async () => {
    const { fake, store } = setup()
    const slow = deferred<ReturnType<typeof ok<{ sales: SaleView[] }>>>()
    let n = 0
    fake.on('listSales', () => (n++ === 0 ? slow.promise : ok({ sales: page(10, 1) })))
    fake.on('salesTotals', () => ok({ totals: [], unknown: 0 }))
    const first = store.getState().showRange(range)
    const other = { from: range.from - 86_400_000, to: range.from }
    await store.getState().showRange(other)
    slow.resolve(ok({ sales: page(0, 3) }))
    await first
    expect(store.getState().history.range).toBe(other)
    expect(store.getState().history.sales.map((s) => s.id)).toEqual(['s10'])
  })

  it('shows a list failure as the history error', async () => {
    const { fake, store } = setup()
    fake.on('listSales', () => fail('The journal could not be read.'))
    fake.on('salesTotals', () => ok({ totals: [], unknown: 0 }))
    await store.getState().showRange(range)
    expect(store.getState().history).toMatchObject({
      loading: false,
      error:
        'The BTCPay Server could not be reached. Check the internet connection of this computer.',
    })
  })

  it('a sale event updates its row, adds a new sale of the day and refreshes the totals', async () => {
    const { fake, store } = setup()
    fake.on('listSales', () => ok({ sales: page(1, 2) }))
    fake.on('salesTotals', () => ok({ totals, unknown: 0 }))
    await store.getState().showRange(range)
    const totalsCalls = () => fake.calls.filter((c) => c.method === 'salesTotals').length
    const before = totalsCalls()
    fake.push(7, saleView({ id: 's2', createdAt: at(2), phase: 'invalid' }))
    fake.push(1, saleView({ id: 'new', createdAt: at(0), phase: 'waiting' }))
    fake.push(1, saleView({ id: 'yesterday', createdAt: range.from - 1 }))
    await flush()
    const ids = store.getState().history.sales.map((s) => `${s.id}:${s.phase}`)
    expect(ids).toEqual(['new:waiting', 's1:settled', 's2:invalid'])
    expect(totalsCalls()).toBe(before + 2)
  })
})

describe('mergeSale', () => {
  const s = (id: string, createdAt: number) => saleView({ id, createdAt })
  it('inserts by time, newest first', () => {
    const list = [s('c', 30), s('a', 10)]
    expect(mergeSale(list, s('b', 20), false).map((x) => x.id)).toEqual(['c', 'b', 'a'])
    expect(mergeSale(list, s('d', 40), false).map((x) => x.id)).toEqual(['d', 'c', 'a'])
    expect(mergeSale(list, s('z', 5), false).map((x) => x.id)).toEqual(['c', 'a', 'z'])
  })
  it('leaves an older sale to its page while more pages exist', () => {
    expect(mergeSale([s('c', 30)], s('z', 5), true).map((x) => x.id)).toEqual(['c'])
  })
})
