import type { SaleView } from '../../shared/sale'
import type { EventHub } from '../ipc/event-hub'
import type { SettingsStore } from '../settings/settings-store'
import { customerViewOf, isResult } from './customer-view'

/** How long the customer reads "Paid, thank you" or "Expired" before the idle screen. */
export const RESULT_HOLD_MS = 8_000

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
  /** The result was on screen long enough: idle until the cashier moves on. */
  let resultOver = false
  let timer: ReturnType<typeof setTimeout> | null = null
  let shown = ''

  const publish = () => {
    const view = customerViewOf(resultOver ? null : sale, deps.settings.get().terminalLabel)
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
    /** The renderer shows this sale now (null: the keypad). */
    focus(saleId: string | null): void {
      reset()
      sale = saleId === null ? null : deps.getSale(saleId)
      publish()
    },
    focused: (): SaleView | null => (sale ? deps.getSale(sale.id) : null),
    /** Sends the first view; later ones follow the till. */
    start: publish,
    stop: reset,
  }
}
export type TillFocus = ReturnType<typeof createTillFocus>
