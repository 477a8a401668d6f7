import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CustomerView } from '../../shared/customer-view'
import { customerViewSchema } from '../../shared/customer-view'
import type { SaleView } from '../../shared/sale'
import { createEventHub } from '../ipc/event-hub'
import { silentLogger } from '../log/logger'
import { createSettingsStore } from '../settings/settings-store'
import { memorySettingsBackend } from '../settings/memory-settings.testutil'
import { createCustomerFeed } from './customer-feed'
import { customerViewOf } from './customer-view'
import { createTillFocus } from './till-focus'

const sale = (over: Partial<SaleView> = {}): SaleView => ({
  id: 'S1',
  orderId: 'TILL1-7',
  createdAt: 1_700_000_000_000,
  amountMinor: 1250,
  currency: 'EUR',
  description: 'table 4, regular customer Mrs Smith',
  phase: 'waiting',
  invoiceId: 'INV123',
  checkoutLink: 'https://btcpay.example/i/INV123',
  expiresAt: 1_700_000_900_000,
  cancelledAt: null,
  paymentRequestId: null,
  payment: {
    bip21: 'bitcoin:bc1qexample?amount=0.0002',
    bolt11: 'lnbc1example',
    btcPrice: '0.0002',
    btcDue: '0.0002',
    btcPaid: '0',
    rate: '62500',
  },
  trouble: 'The BTCPay server did not answer.',
  ...over,
})

const cafe = { shopName: 'Corner Café', language: 'system' } as const
const x = { shopName: 'X', language: 'de' } as const

describe('customerViewOf', () => {
  it('shows the shop name when the till has no sale', () => {
    expect(customerViewOf(null, cafe)).toEqual({ screen: 'idle', ...cafe })
  })

  it('shows amount, payment links and countdown of an open charge, and nothing else of the sale', () => {
    const view = customerViewOf(sale(), cafe)
    expect(view).toEqual({
      screen: 'charge',
      ...cafe,
      amountMinor: 1250,
      currency: 'EUR',
      payment: {
        bip21: 'bitcoin:bc1qexample?amount=0.0002',
        bolt11: 'lnbc1example',
        btcDue: '0.0002',
      },
      expiresAt: 1_700_000_900_000,
      partlyPaid: false,
      method: null,
    })
    const text = JSON.stringify(view)
    for (const secret of ['INV123', 'TILL1-7', 'Mrs Smith', 'btcpay.example', 'did not answer']) {
      expect(text).not.toContain(secret)
    }
    expect(customerViewSchema.safeParse(view).success).toBe(true)
  })

  it('asks for the rest of a partly paid charge, and shows no QR while the invoice is made', () => {
    expect(customerViewOf(sale({ phase: 'partial' }), x)).toMatchObject({ partlyPaid: true })
    expect(customerViewOf(sale({ phase: 'creating', payment: null }), x)).toMatchObject({
      screen: 'charge',
      payment: null,
    })
  })

  it.each(['paid', 'settled', 'overpaid', 'paid-late'] as const)(
    'thanks the customer when %s',
    (phase) => {
      expect(customerViewOf(sale({ phase }), x)).toEqual({
        screen: 'paid',
        ...x,
        amountMinor: 1250,
        currency: 'EUR',
      })
    },
  )

  it('says expired, and goes idle for outcomes the cashier explains', () => {
    expect(customerViewOf(sale({ phase: 'expired' }), x).screen).toBe('expired')
    for (const phase of ['abandoned', 'invalid', 'not-created'] as const) {
      expect(customerViewOf(sale({ phase }), x).screen).toBe('idle')
    }
  })
})

describe('till focus and the customer feed', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  function setup() {
    const events = createEventHub(silentLogger)
    const settings = createSettingsStore(memorySettingsBackend({ terminalLabel: 'Corner Café' }))
    settings.onChange((s) => events.emit('settings:changed', s))
    const sales = new Map<string, SaleView>([['S1', sale()]])
    const feed = createCustomerFeed(events)
    const focus = createTillFocus({
      events,
      settings,
      getSale: (id) => sales.get(id)!,
      holdMs: 8000,
    })
    const seen: CustomerView[] = []
    const change = (s: SaleView) => {
      sales.set(s.id, s)
      events.emit('sale:changed', s)
    }
    return { events, settings, feed, focus, seen, change }
  }

  it('follows the focused sale to paid, holds the result, then goes idle', () => {
    const { feed, focus, seen, change } = setup()
    focus.start()
    feed.connect((e) => seen.push(e.data as CustomerView))
    expect(seen.map((v) => v.screen)).toEqual(['idle'])

    focus.focus('S1')
    expect(seen.at(-1)?.screen).toBe('charge')
    change(sale({ phase: 'settled', payment: null }))
    expect(seen.at(-1)?.screen).toBe('paid')
    vi.advanceTimersByTime(7999)
    expect(seen.at(-1)?.screen).toBe('paid')
    vi.advanceTimersByTime(1)
    expect(seen.at(-1)).toEqual({ screen: 'idle', ...cafe })
    // The cashier still sees the sale after the crash-reload, while the customer is idle.
    expect(focus.focused()?.sale.phase).toBe('settled')
  })

  it('ignores other sales, and goes idle at once when the cashier leaves', () => {
    const { feed, focus, seen, change } = setup()
    focus.start()
    focus.focus('S1')
    feed.connect((e) => seen.push(e.data as CustomerView))
    expect(seen.map((v) => v.screen)).toEqual(['charge'])
    change(sale({ id: 'S2', phase: 'expired' }))
    expect(seen.map((v) => v.screen)).toEqual(['charge'])
    focus.focus(null)
    expect(seen.map((v) => v.screen)).toEqual(['charge', 'idle'])
    expect(focus.focused()).toBeNull()
  })

  it('shows the QR code the cashier switched to, for that sale only, until the next sale', () => {
    const { feed, focus, seen } = setup()
    focus.start()
    feed.connect((e) => seen.push(e.data as CustomerView))
    focus.focus('S1')
    expect(seen.at(-1)).toMatchObject({ screen: 'charge', method: null })
    focus.showPaymentMethod('S1', 'onchain')
    expect(seen.at(-1)).toMatchObject({ screen: 'charge', method: 'onchain' })
    // A reloaded cashier page asks for the sale and gets the same code back.
    expect(focus.focused()).toMatchObject({ sale: { id: 'S1' }, method: 'onchain' })
    // A late switch reported for another sale changes nothing.
    focus.showPaymentMethod('S2', 'lightning')
    expect(seen.at(-1)).toMatchObject({ method: 'onchain' })
    focus.focus(null)
    focus.focus('S1')
    expect(seen.at(-1)).toMatchObject({ screen: 'charge', method: null })
    expect(focus.focused()?.method).toBeNull()
  })

  it('carries the shop’s language, and follows a change of it', () => {
    const { settings, feed, focus, seen } = setup()
    focus.start()
    feed.connect((e) => seen.push(e.data as CustomerView))
    settings.update({ language: 'ar' })
    expect(seen.map((v) => v.language)).toEqual(['system', 'ar'])
  })

  it('follows a renamed shop while idle and sends no repeats', () => {
    const { settings, feed, focus, seen } = setup()
    focus.start()
    feed.connect((e) => seen.push(e.data as CustomerView))
    settings.update({ sound: false })
    settings.update({ terminalLabel: 'Bakery' })
    expect(seen).toEqual([
      { screen: 'idle', ...cafe },
      { screen: 'idle', ...cafe, shopName: 'Bakery' },
    ])
  })

  it('a new charge during the result hold shows the new charge, not idle', () => {
    const { focus, feed, seen, change } = setup()
    focus.start()
    focus.focus('S1')
    change(sale({ phase: 'expired', payment: null }))
    feed.connect((e) => seen.push(e.data as CustomerView))
    expect(seen.at(-1)?.screen).toBe('expired')
    focus.focus('S1')
    vi.advanceTimersByTime(4000)
    change(sale({ phase: 'waiting' }))
    vi.advanceTimersByTime(10_000)
    expect(seen.at(-1)?.screen).toBe('charge')
  })
})
