import { describe, expect, it } from 'vitest'
import {
  tipFor,
  tipPercentagesFor,
  type CatalogItem,
  type CatalogView,
} from '../../../shared/catalog'
import { cartTotal, createCartStore } from './cart-store'
import { fakePosApi, ok } from './fake-pos-api.testutil'

const item = (patch: Partial<CatalogItem> & { id: string }): CatalogItem => ({
  title: patch.id,
  description: null,
  category: null,
  priceType: 'fixed',
  priceMinor: 100,
  image: null,
  inventory: null,
  barcodes: [],
  ...patch,
})

const catalog: CatalogView = {
  appId: 'app1',
  title: 'Tea shop',
  currency: 'USD',
  items: [
    item({ id: 'tea', title: 'Tea', priceMinor: 350, barcodes: ['4006381333931'] }),
    item({ id: 'scone', title: 'Scone', inventory: 0 }),
    item({ id: 'gift', title: 'Gift card', priceType: 'minimum', priceMinor: 1000 }),
  ],
  tips: { enabled: true, percentages: [15], text: null },
  fetchedAt: 1,
  trouble: null,
}

async function cartStore() {
  const fake = fakePosApi()
  fake.on('getCatalog', () => ok(catalog))
  fake.on('listParkedCarts', () => ok({ carts: [] }))
  const store = createCartStore(fake.api)
  store.getState().init()
  await expect.poll(() => store.getState().catalog).toEqual(catalog)
  return { store, fake }
}

describe('cart store', () => {
  it('adds a scanned item by its barcode or its BTCPay id, one more on each scan', async () => {
    const { store } = await cartStore()
    expect(store.getState().scan('4006381333931')).toBe(true)
    expect(store.getState().scan('tea')).toBe(true)
    const [line] = store.getState().lines
    expect(store.getState().lines).toHaveLength(1)
    expect(line).toMatchObject({ itemId: 'tea', quantity: 2, unitMinor: 350 })
    expect(cartTotal(store.getState().lines)).toBe(700)
  })

  it('says which code no item has, and leaves the cart as it was', async () => {
    const { store } = await cartStore()
    store.getState().scan('tea')
    expect(store.getState().scan('0000')).toBe(false)
    expect(store.getState().notice).toEqual({ kind: 'unknown-code', code: '0000' })
    expect(store.getState().lines).toHaveLength(1)
  })

  it('refuses a sold-out item and an amount under an item’s minimum', async () => {
    const { store } = await cartStore()
    const [, scone, gift] = catalog.items
    expect(store.getState().add(scone!)).toBe(false)
    expect(store.getState().notice).toMatchObject({ kind: 'sold-out', title: 'Scone' })
    expect(store.getState().add(gift!, '9.99')).toBe(false)
    expect(store.getState().notice).toMatchObject({ kind: 'below-minimum', minimumMinor: 1000 })
    expect(store.getState().add(gift!, '25.00')).toBe(true)
    expect(cartTotal(store.getState().lines)).toBe(2500)
  })

  it('adds exact custom amounts in minor units (no float drift)', async () => {
    const { store } = await cartStore()
    for (let i = 0; i < 3; i++) store.getState().addAmount('0.10')
    expect(cartTotal(store.getState().lines)).toBe(30)
  })

  it('parks the lines main is to price (never the renderer’s prices) and empties the cart', async () => {
    const { store, fake } = await cartStore()
    store.getState().scan('tea')
    store.getState().addAmount('4.00')
    fake.on('parkCart', () => ok({ carts: [] }))
    expect(await store.getState().parkCart()).toBe(true)
    expect(fake.calls.find((c) => c.method === 'parkCart')?.input).toEqual({
      lines: [
        { itemId: 'tea', quantity: 1 },
        { itemId: null, quantity: 1, amount: '4.00' },
      ],
    })
    expect(store.getState().lines).toEqual([])
  })

  it('resuming a parked cart turns the till back to the cart, from the keypad or a tip step', async () => {
    const { store, fake } = await cartStore()
    fake.on('resumeCart', () =>
      ok({
        id: 'c1',
        parkedAt: 1,
        currency: 'USD',
        totalMinor: 1050,
        lines: [{ itemId: 'tea', quantity: 3, title: 'Tea' }],
      }),
    )
    store.getState().showKeypad(true)
    expect(await store.getState().resumeCart('c1')).toBe(true)
    expect(store.getState().keypadOnly).toBe(false)
    expect(cartTotal(store.getState().lines)).toBe(1050)

    fake.on('askCustomerTip', () => ok(null))
    await store.getState().startTip()
    expect(store.getState().tipping).toBe(true)
    expect(await store.getState().resumeCart('c1')).toBe(true)
    expect(store.getState().tipping).toBe(false)
    expect(cartTotal(store.getState().lines)).toBe(2100)
  })

  it('a cart that cannot be resumed says why and leaves the till where it was', async () => {
    const { store, fake } = await cartStore()
    fake.on('resumeCart', () => ({ ok: false, code: 'not-found', message: 'That cart is gone.' }))
    store.getState().showKeypad(true)
    expect(await store.getState().resumeCart('gone')).toBe(false)
    expect(store.getState().keypadOnly).toBe(true)
    expect(store.getState().notice).toEqual({
      kind: 'refused',
      problem: { ok: false, code: 'not-found', message: 'That cart is gone.' },
    })
  })
})

describe('tipPercentagesFor', () => {
  it('offers the PoS app’s percentages, else the ones the manager set on this till', () => {
    expect(tipPercentagesFor(catalog, [5, 10])).toEqual([15])
    const none = { ...catalog, tips: { ...catalog.tips, percentages: [] } }
    expect(tipPercentagesFor(none, [5, 10])).toEqual([5, 10])
  })
})

describe('tipFor', () => {
  it('rounds half up to a whole minor unit', () => {
    expect(tipFor(995, 15)).toBe(149) // 149.25
    expect(tipFor(1000, 15)).toBe(150)
    expect(tipFor(10, 25)).toBe(3) // 2.5
  })
})
