import { randomUUID } from 'node:crypto'
import {
  tipFor,
  tipPercentagesFor,
  type CartLineInput,
  type CatalogView,
} from '../../shared/catalog'
import { customerTipChoiceSchema, type TipQuestion } from '../../shared/customer-tip'
import { AppError } from '../../shared/ipc/result'
import { minorDigits } from '../../shared/money'
import { priceCart } from '../catalog/price-cart'
import type { EventHub } from '../ipc/event-hub'
import type { Logger } from '../log/logger'
import type { SettingsStore } from '../settings/settings-store'
import type { TillFocus } from './till-focus'

type OpenQuestion = TipQuestion & { customMaxMinor: number; answered: boolean }

/**
 * The largest tip the customer may type: the subtotal itself (a 100 % tip, the most a shop can
 * offer as a percentage, in BTCPay as here), and never past the till's largest charge. More is
 * almost always a slip on the keypad (4.50 typed as 450), and it bounds what a compromised
 * customer page could add to a charge.
 */
export const customTipCap = (subtotalMinor: number, maxMinor: number) =>
  Math.max(0, Math.min(subtotalMinor, maxMinor - subtotalMinor))

/**
 * The cart's tip question on the customer display. The till asks (`askCustomerTip`), the
 * customer's page answers through its one message (`chooseTip`); main accepts an answer only to
 * the open question, only an offered option, none or a typed tip within `customTipCap`, and only
 * the first; anything else is ignored and logged. The till hears the answer on `tip:chosen`.
 */
export function createTipQuestion(deps: {
  events: EventHub
  settings: SettingsStore
  catalog: () => CatalogView
  focus: TillFocus
  /** Whether a customer display is there to ask. */
  displayConnected: () => boolean
  log: Logger
}) {
  let question: OpenQuestion | null = null

  const close = () => {
    question = null
    deps.focus.showTip(null)
  }

  return {
    askCustomerTip({ lines }: { lines: CartLineInput[] }): TipQuestion | null {
      const catalog = deps.catalog()
      if (!catalog.tips.enabled)
        throw new AppError('bad-input', 'Tips are turned off for this shop.')
      const s = deps.settings.get()
      const currency = catalog.currency ?? s.currency
      const maxMinor = s.maxAmount * 10 ** minorDigits(currency)
      // Priced by main, as the charge will be: the customer sees what they will pay.
      const { subtotalMinor } = priceCart(
        catalog,
        { lines, tipMinor: 0, tipPercent: null },
        s.currency,
        maxMinor,
      )
      if (question) close()
      if (!deps.displayConnected()) return null
      const options = tipPercentagesFor(catalog, s.tipPercentages).map((percent) => ({
        percent,
        tipMinor: tipFor(subtotalMinor, percent),
      }))
      const open: OpenQuestion = {
        questionId: randomUUID(),
        subtotalMinor,
        currency,
        options,
        customMaxMinor: customTipCap(subtotalMinor, maxMinor),
        answered: false,
      }
      question = open
      deps.focus.showTip((shop) => ({
        screen: 'tip',
        ...shop,
        questionId: open.questionId,
        subtotalMinor,
        currency,
        text: catalog.tips.text,
        options,
        customMaxMinor: open.customMaxMinor,
      }))
      deps.log.info('tip.asked', { options: options.length })
      const { answered: _answered, customMaxMinor: _cap, ...asked } = open
      return asked
    },

    /**
     * The till's page starts again (a crash, a reload) and has forgotten its cart's question: the
     * customer must not answer into nothing.
     */
    tillRestarted(): void {
      if (question) close()
    },

    /** The cashier chose for the customer, went back, or the charge failed: the question ends. */
    closeCustomerTip({ questionId }: { questionId: string }): { done: true } {
      if (question?.questionId === questionId) close()
      return { done: true }
    },

    /** The customer display's answer; never throws: a page gets no reply, only the log a line. */
    chooseTip(raw: unknown): void {
      const parsed = customerTipChoiceSchema.safeParse(raw)
      if (!parsed.success) return deps.log.warn('tip.choice-refused', { reason: 'malformed' })
      const { questionId, choice } = parsed.data
      const open = question
      if (!open || open.answered || open.questionId !== questionId) {
        return deps.log.warn('tip.choice-ignored', { reason: 'no-open-question' })
      }
      let tipMinor: number
      let tipPercent: number | null = null
      if (choice.kind === 'option') {
        const option = open.options[choice.index]
        if (!option) return deps.log.warn('tip.choice-refused', { reason: 'not-offered' })
        tipMinor = option.tipMinor
        tipPercent = option.percent
      } else if (choice.kind === 'custom') {
        if (choice.tipMinor > open.customMaxMinor) {
          return deps.log.warn('tip.choice-refused', { reason: 'over-cap' })
        }
        tipMinor = choice.tipMinor
      } else tipMinor = 0
      open.answered = true
      // Until the till's charge shows the sale: the total being prepared, not the question.
      deps.focus.showTip((shop) => ({
        screen: 'charge',
        ...shop,
        amountMinor: open.subtotalMinor + tipMinor,
        currency: open.currency,
        payment: null,
        expiresAt: null,
        partlyPaid: false,
        method: null,
      }))
      deps.log.info('tip.chosen', { kind: choice.kind })
      deps.events.emit('tip:chosen', { questionId, tipMinor, tipPercent })
    },
  }
}
export type TipQuestionDesk = ReturnType<typeof createTipQuestion>
