import { useCallback, useState } from 'react'
import { tipPercentagesFor, type CatalogView } from '../../../../shared/catalog'
import { formatMinor } from '../../../../shared/money'
import { useLocale, useTranslation } from '../../i18n'
import { failWords, wordsOr } from '../../i18n/fail-words'
import { refusalWords } from '../../keypad/refusal-words'
import { cartLineInputs, cartTotal, type CartNotice } from '../../stores/cart-store'
import { useAppStore, useCartStore, useSalesStore } from '../../stores/bound-stores'
import { CatalogItems } from './CatalogItems'
import { TipStep } from './TipStep'
import { TipWaiting } from './TipWaiting'

/** A short local date and time (when the catalog was read, when a cart was parked). */
export const timeText = (at: number, locale: string) =>
  new Date(at).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' })

/**
 * The till with the store's catalog: tap items (or scan them), type an amount for a custom line,
 * change quantities, park the cart (resumed through `ParkedCarts`, on every screen), then the
 * customer's tip step and the charge. Totals are exact minor units; main prices the cart again before charging.
 */
export function CartTill({ catalog, onKeypad }: { catalog: CatalogView; onKeypad: () => void }) {
  const currency = catalog.currency ?? 'USD'
  const cart = useCartStore()
  const busy = useSalesStore((s) => s.busy)
  const chargeError = useSalesStore((s) => s.error)
  const charge = useSalesStore((s) => s.charge)
  const managersTips = useAppStore((s) => s.settings?.tipPercentages)
  const [amount, setAmount] = useState('')
  const { t } = useTranslation()
  const locale = useLocale()
  const subtotal = cartTotal(cart.lines)
  const money = (minor: number) => formatMinor(minor, currency, locale)
  const titleOf = (line: { title: string | null }) => line.title ?? t('cart.customAmount')
  const noticeText = (notice: CartNotice): string => {
    switch (notice.kind) {
      case 'sold-out':
        return t('cart.soldOut', { title: notice.title })
      case 'needs-amount':
        return t('cart.needsAmount', { title: notice.title })
      case 'below-minimum':
        return t('cart.belowMinimum', { title: notice.title, amount: money(notice.minimumMinor) })
      case 'unknown-code':
        return t('cart.unknownCode', { code: notice.code })
      case 'amount-refused':
        return refusalWords(notice.refusal, t, locale)
      case 'refused':
        return failWords(notice.problem, t, locale)
    }
  }
  const notice = cart.notice ? noticeText(cart.notice) : chargeError

  const { lines, clear, cancelTip } = cart
  const chargeCart = useCallback(
    async (tipMinor: number, tipPercent: number | null) => {
      const input = cartLineInputs(lines)
      if (await charge({ cart: { lines: input, tipMinor, tipPercent } })) clear()
      else cancelTip()
    },
    [lines, charge, clear, cancelTip],
  )
  const chargeCustomersTip = useCallback(
    (tipMinor: number, tipPercent: number | null) => void chargeCart(tipMinor, tipPercent),
    [chargeCart],
  )
  const next = () => {
    if (catalog.tips.enabled) void cart.startTip()
    else void chargeCart(0, null)
  }

  if (cart.tipping && cart.tipQuestion) {
    return (
      <TipWaiting
        question={cart.tipQuestion}
        busy={busy}
        onChoose={chargeCustomersTip}
        onChooseForThem={cart.chooseForCustomer}
        onNoTip={() => {
          cart.closeTipQuestion()
          void chargeCart(0, null)
        }}
        onBack={cart.cancelTip}
      />
    )
  }
  if (cart.tipping) {
    return (
      <TipStep
        subtotalMinor={subtotal}
        currency={currency}
        percentages={tipPercentagesFor(catalog, managersTips ?? [])}
        text={catalog.tips.text}
        busy={busy}
        onChoose={(tip, percent) => void chargeCart(tip, percent)}
        onBack={cart.cancelTip}
      />
    )
  }

  return (
    <section className="cart-till" data-testid="cart-till" aria-label={t('cart.label')}>
      <div className="catalog-column">
        <p className="catalog-age" data-testid="catalog-age">
          {catalog.title} ·{' '}
          {catalog.fetchedAt === null
            ? t('cart.notReadYet')
            : t('cart.asOf', { time: timeText(catalog.fetchedAt, locale) })}
          {catalog.trouble && (
            <span className="trouble">
              {' '}
              {wordsOr(catalog.troubleWords, catalog.trouble, t, locale)}
            </span>
          )}
          <button type="button" className="secondary" onClick={() => void cart.refreshCatalog()}>
            {t('cart.refresh')}
          </button>
          <button type="button" className="secondary" onClick={onKeypad}>
            {t('cart.keypadOnly')}
          </button>
        </p>
        <CatalogItems
          items={catalog.items}
          currency={currency}
          onTap={(item) => {
            if (cart.add(item, amount.trim() || undefined) && item.priceType !== 'fixed')
              setAmount('')
          }}
        />
      </div>
      <div className="cart" aria-label={t('cart.cart')}>
        <ul className="cart-lines" data-testid="cart-lines">
          {cart.lines.map((l) => (
            <li key={l.key}>
              <span className="cart-title">{titleOf(l)}</span>
              <button
                type="button"
                className="secondary"
                aria-label={t('cart.oneLess', { title: titleOf(l) })}
                onClick={() => cart.setQuantity(l.key, l.quantity - 1)}
              >
                −
              </button>
              <span className="cart-quantity" data-testid="cart-quantity">
                {l.quantity}
              </span>
              <button
                type="button"
                className="secondary"
                aria-label={t('cart.oneMore', { title: titleOf(l) })}
                onClick={() => cart.setQuantity(l.key, l.quantity + 1)}
              >
                +
              </button>
              <span className="cart-amount">{money(l.unitMinor * l.quantity)}</span>
              <button
                type="button"
                className="danger"
                aria-label={t('cart.remove', { title: titleOf(l) })}
                onClick={() => cart.remove(l.key)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <div className="cart-amount-entry">
          <input
            inputMode="decimal"
            placeholder={t('cart.amount')}
            aria-label={t('cart.amount')}
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
          <button
            type="button"
            className="secondary"
            onClick={() => cart.addAmount(amount) && setAmount('')}
          >
            {t('cart.addAmount')}
          </button>
        </div>
        <p className="cart-total" data-testid="cart-total">
          {t('cart.total', { amount: money(subtotal) })}
        </p>
        {notice && (
          <p className="message error" role="alert" data-testid="cart-notice">
            {notice}
          </p>
        )}
        <button
          type="button"
          className="big primary"
          disabled={cart.lines.length === 0 || busy}
          onClick={next}
        >
          {t('cart.charge', { amount: money(subtotal) })}
        </button>
        <div className="row">
          <button
            type="button"
            className="secondary"
            disabled={cart.lines.length === 0}
            onClick={() => void cart.parkCart()}
          >
            {t('cart.park')}
          </button>
          <button type="button" className="secondary" onClick={cart.clear}>
            {t('cart.clear')}
          </button>
        </div>
      </div>
    </section>
  )
}
