import { describe, expect, it } from 'vitest'
import type { CatalogView } from '../../shared/catalog'
import type { CustomerView } from '../../shared/customer-view'
import type { TipChosen } from '../../shared/customer-tip'
import type { SaleView } from '../../shared/sale'
import { createEventHub } from '../ipc/event-hub'
import type { Logger } from '../log/logger'
import { memorySettingsBackend } from '../settings/memory-settings.testutil'
import { createSettingsStore } from '../settings/settings-store'
import { createCustomerFeed } from './customer-feed'
import { createTillFocus } from './till-focus'
import { createTipQuestion, customTipCap } from './tip-question'

const catalog = (over: Partial<CatalogView['tips']> = {}): CatalogView => ({
  appId: 'app1',
  title: 'Café',
  currency: 'EUR',
  items: [
    {
      id: 'latte',
      title: 'Latte',
      description: null,
      category: null,
      priceType: 'fixed',
      priceMinor: 450,
      image: null,
      inventory: null,
      barcodes: [],
    },
  ],
  tips: { enabled: true, percentages: [10, 20], text: null, ...over },
  fetchedAt: 1,
  trouble: null,
})

const twoLattes = { lines: [{ itemId: 'latte', quantity: 2 }] }

function setup(opts: { tips?: Partial<CatalogView['tips']>; display?: boolean } = {}) {
  const events = createEventHub({ debug() {}, info() {}, warn() {}, error() {} })
  const settings = createSettingsStore(memorySettingsBackend({ terminalLabel: 'Corner Café' }))
  const feed = createCustomerFeed(events)
  const focus = createTillFocus({
    events,
    settings,
    getSale: (id): SaleView => ({
      id,
      orderId: 'TILL1-1',
      createdAt: 1,
      amountMinor: 990,
      currency: 'EUR',
      description: null,
      phase: 'creating',
      invoiceId: null,
      checkoutLink: null,
      expiresAt: null,
      cancelledAt: null,
      paymentRequestId: null,
      payment: null,
      trouble: null,
    }),
  })
  const warnings: string[] = []
  const log: Logger = {
    debug() {},
    info() {},
    error() {},
    warn: (e, f) => warnings.push(`${e} ${f?.reason}`),
  }
  const seen: CustomerView[] = []
  if (opts.display !== false) feed.connect((e) => seen.push(e.data as CustomerView))
  const chosen: TipChosen[] = []
  events.connect((channel, e) => channel === 'tip:chosen' && chosen.push(e.data as TipChosen))
  const desk = createTipQuestion({
    events,
    settings,
    catalog: () => catalog(opts.tips),
    focus,
    displayConnected: feed.connected,
    log,
  })
  focus.start()
  return { desk, focus, seen, chosen, warnings }
}

describe('the tip question on the customer display', () => {
  it('puts the shop’s percentages with what each adds, priced by main, on the display', () => {
    const { desk, seen } = setup()
    const q = desk.askCustomerTip(twoLattes)
    expect(q).toMatchObject({
      subtotalMinor: 900,
      currency: 'EUR',
      options: [
        { percent: 10, tipMinor: 90 },
        { percent: 20, tipMinor: 180 },
      ],
    })
    expect(seen.at(-1)).toEqual({
      screen: 'tip',
      shopName: 'Corner Café',
      language: 'system',
      questionId: q!.questionId,
      subtotalMinor: 900,
      currency: 'EUR',
      text: null,
      options: q!.options,
      customMaxMinor: 900,
    })
  })

  it('falls back to the manager’s percentages, and asks nothing without a display', () => {
    const { desk } = setup({ tips: { percentages: [] } })
    expect(desk.askCustomerTip(twoLattes)?.options.map((o) => o.percent)).toEqual([15, 18, 20])
    const none = setup({ display: false })
    expect(none.desk.askCustomerTip(twoLattes)).toBeNull()
    expect(none.seen).toEqual([])
  })

  it('refuses to ask when the shop turned tips off, or for a cart main cannot price', () => {
    const { desk } = setup({ tips: { enabled: false } })
    expect(() => desk.askCustomerTip(twoLattes)).toThrow(/Tips are turned off/)
    const on = setup()
    expect(() => on.desk.askCustomerTip({ lines: [{ itemId: 'gone', quantity: 1 }] })).toThrow(
      /no longer in the catalog/,
    )
  })

  it('accepts an offered option once: the till hears it, the display shows the total', () => {
    const { desk, seen, chosen, warnings } = setup()
    const { questionId } = desk.askCustomerTip(twoLattes)!
    desk.chooseTip({ questionId, choice: { kind: 'option', index: 1 } })
    desk.chooseTip({ questionId, choice: { kind: 'none' } })
    expect(chosen).toEqual([{ questionId, tipMinor: 180, tipPercent: 20 }])
    expect(seen.at(-1)).toMatchObject({ screen: 'charge', amountMinor: 1080, payment: null })
    expect(warnings).toEqual(['tip.choice-ignored no-open-question'])
  })

  it('takes none as a zero tip, and a typed tip up to the subtotal', () => {
    const a = setup()
    const qa = a.desk.askCustomerTip(twoLattes)!
    a.desk.chooseTip({ questionId: qa.questionId, choice: { kind: 'none' } })
    expect(a.chosen).toEqual([{ questionId: qa.questionId, tipMinor: 0, tipPercent: null }])

    const b = setup()
    const qb = b.desk.askCustomerTip(twoLattes)!
    b.desk.chooseTip({ questionId: qb.questionId, choice: { kind: 'custom', tipMinor: 901 } })
    expect(b.chosen).toEqual([])
    expect(b.warnings).toEqual(['tip.choice-refused over-cap'])
    b.desk.chooseTip({ questionId: qb.questionId, choice: { kind: 'custom', tipMinor: 900 } })
    expect(b.chosen).toEqual([{ questionId: qb.questionId, tipMinor: 900, tipPercent: null }])
  })

  it('refuses options it did not offer and malformed answers, and keeps the question open', () => {
    const { desk, chosen, warnings, seen } = setup()
    const { questionId } = desk.askCustomerTip(twoLattes)!
    for (const bad of [
      { questionId, choice: { kind: 'option', index: 2 } },
      { questionId, choice: { kind: 'option', index: -1 } },
      { questionId, choice: { kind: 'option', index: 0.5 } },
      { questionId, choice: { kind: 'custom', tipMinor: 1.5 } },
      { questionId, choice: { kind: 'custom', tipMinor: -1 } },
      { questionId, choice: { kind: 'custom', tipMinor: '100' } },
      { questionId, choice: { kind: 'percent', percent: 50 } },
      { questionId, choice: { kind: 'none' }, charge: true },
      { choice: { kind: 'none' } },
      'none',
      null,
    ]) {
      desk.chooseTip(bad)
    }
    desk.chooseTip({ questionId: 'another', choice: { kind: 'none' } })
    expect(chosen).toEqual([])
    expect(warnings).toEqual([
      'tip.choice-refused not-offered',
      ...Array(10).fill('tip.choice-refused malformed'),
      'tip.choice-ignored no-open-question',
    ])
    expect(seen.at(-1)?.screen).toBe('tip')
    desk.chooseTip({ questionId, choice: { kind: 'option', index: 0 } })
    expect(chosen).toEqual([{ questionId, tipMinor: 90, tipPercent: 10 }])
  })

  it('ignores an answer after the cashier went back, asked again, or the sale was charged', () => {
    const { desk, focus, chosen, seen } = setup()
    const first = desk.askCustomerTip(twoLattes)!
    desk.closeCustomerTip(first)
    expect(seen.at(-1)?.screen).toBe('idle')
    desk.chooseTip({ questionId: first.questionId, choice: { kind: 'none' } })

    const second = desk.askCustomerTip(twoLattes)!
    const third = desk.askCustomerTip(twoLattes)!
    desk.chooseTip({ questionId: second.questionId, choice: { kind: 'none' } })
    expect(chosen).toEqual([])

    // The cashier charged (their own choice): the sale's screen replaces the question.
    desk.closeCustomerTip(third)
    focus.focus('S1')
    desk.chooseTip({ questionId: third.questionId, choice: { kind: 'none' } })
    expect(chosen).toEqual([])
    expect(seen.at(-1)?.screen).toBe('charge')
  })

  it('drops the question when the till page starts again, and ignores its late answer', () => {
    const { desk, chosen, seen } = setup()
    const { questionId } = desk.askCustomerTip(twoLattes)!
    desk.tillRestarted()
    expect(seen.at(-1)?.screen).toBe('idle')
    desk.chooseTip({ questionId, choice: { kind: 'none' } })
    expect(chosen).toEqual([])
  })

  it('caps a typed tip at the subtotal and at what the till may still charge', () => {
    expect(customTipCap(900, 1_000_000)).toBe(900)
    expect(customTipCap(900_000, 1_000_000)).toBe(100_000)
    expect(customTipCap(1_000_000, 1_000_000)).toBe(0)
  })
})
