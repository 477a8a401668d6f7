import type { CustomerView, PaymentMethod } from '../../shared/customer-view'
import type { SaleView } from '../../shared/sale'
import type { EventHub } from '../ipc/event-hub'
import type { SettingsStore } from '../settings/settings-store'
import { customerViewOf, isResult, type ShopFacts } from './customer-view'

/** How long the customer reads "Paid, thank you" or "Expired" before the idle screen. */
export const RESULT_HOLD_MS = 8_000

type RefundOnDisplay = Omit<
  Extract<CustomerView, { screen: 'refund' }>,
  'screen' | 'shopName' | 'language'
>

/**
 * The sale the cashier has on screen, as the renderer reports it. Main keeps it for two readers:
 * the customer display, which follows that sale, and a renderer that was reloaded after a crash,
 * which opens it again.
 */
export function createTillFocus(deps: {
  events: EventHub
  settings: SettingsStore
  getSale: (saleId: string) => SaleView
  holdMs?: number
}) {
  const holdMs = deps.holdMs ?? RESULT_HOLD_MS
  let sale: SaleView | null = null
  /** The QR code the cashier picked for that sale; null until they pick one. */
  let method: PaymentMethod | null = null
  /** The result was on screen long enough: idle until the cashier moves on. */
  let resultOver = false
  let timer: ReturnType<typeof setTimeout> | null = null
  let shown = ''

  /** A refund on the cashier's screen takes the customer display until it is paid or closed. */
  let refund: RefundOnDisplay | null = null
  /** A cart's tip question (or its answered total) before the sale exists; a focus ends it. */
  let tip: ((shop: ShopFacts) => CustomerView) | null = null

  const publish = () => {
    const { terminalLabel, language } = deps.settings.get()
    const shop = { shopName: terminalLabel, language }
    const view: CustomerView = refund
      ? { screen: 'refund', ...shop, ...refund }
      : tip
        ? tip(shop)
        : customerViewOf(resultOver ? null : sale, shop, method)
    const text = JSON.stringify(view)
    if (text === shown) return
    shown = text
    deps.events.emit('customer:view', view)
    if (isResult(view) && timer === null) {
      timer = setTimeout(() => {
        resultOver = true
        publish()
      }, holdMs)
    }
  }
  const reset = () => {
    if (timer !== null) clearTimeout(timer)
    timer = null
    resultOver = false
  }

  deps.events.connect((channel, envelope) => {
    if (channel === 'settings:changed') publish()
    if (channel !== 'sale:changed') return
    const changed = envelope.data as SaleView
    if (changed.id !== sale?.id) return
    sale = changed
    publish()
  })

  return {
    /** The refund whose claim code the customer scans now (null: back to the sale or idle). */
    showRefund(next: RefundOnDisplay | null): void {
      refund = next
      publish()
    },

    /** What the tip question shows the customer (null: back to the sale or idle). */
    showTip(next: ((shop: ShopFacts) => CustomerView) | null): void {
      tip = next
      publish()
    },

    /** The renderer shows this sale now (null: the keypad). */
    focus(saleId: string | null): void {
      reset()
      tip = null
      sale = saleId === null ? null : deps.getSale(saleId)
      method = null
      publish()
    },
    /** The cashier switched the sale's QR code (on-chain or Lightning): the customer's follows. */
    showPaymentMethod(saleId: string, picked: PaymentMethod): void {
      if (saleId !== sale?.id) return
      method = picked
      publish()
    },
    focused: (): { sale: SaleView; method: PaymentMethod | null } | null =>
      sale ? { sale: deps.getSale(sale.id), method } : null,
    /** Sends the first view; later ones follow the till. */
    start: publish,
    stop: reset,
  }
}
export type TillFocus = ReturnType<typeof createTillFocus>
