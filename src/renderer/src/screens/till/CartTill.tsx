import { useState } from 'react'
import type { CatalogView } from '../../../../shared/catalog'
import { formatMinor } from '../../../../shared/money'
import { cartTotal } from '../../stores/cart-store'
import { useCartStore, useSalesStore } from '../../stores/bound-stores'
import { CatalogItems } from './CatalogItems'
import { TipStep } from './TipStep'

const timeText = (at: number) =>
  new Date(at).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })

/**
 * The till with the store's catalog: tap items (or scan them), type an amount for a custom line,
 * change quantities, park the cart or resume a parked one, then the customer's tip step and the
 * charge. Totals are exact minor units; main prices the cart again before charging.
 */
export function CartTill({ catalog, onKeypad }: { catalog: CatalogView; onKeypad: () => void }) {
  const currency = catalog.currency ?? 'USD'
  const cart = useCartStore()
  const busy = useSalesStore((s) => s.busy)
  const chargeError = useSalesStore((s) => s.error)
  const charge = useSalesStore((s) => s.charge)
  const [amount, setAmount] = useState('')
  const subtotal = cartTotal(cart.lines)
  const money = (minor: number) => formatMinor(minor, currency)

  const chargeCart = async (tipMinor: number, tipPercent: number | null) => {
    const lines = cart.lines.map(({ itemId, quantity, amount: typed }) =>
      typed === undefined ? { itemId, quantity } : { itemId, quantity, amount: typed },
    )
    if (await charge({ cart: { lines, tipMinor, tipPercent } })) cart.clear()
    else cart.cancelTip()
  }
  const next = () => {
    if (catalog.tips.enabled) cart.startTip()
    else void chargeCart(0, null)
  }

  if (cart.tipping) {
    return (
      <TipStep
        subtotalMinor={subtotal}
        currency={currency}
        percentages={catalog.tips.percentages}
        text={catalog.tips.text}
        busy={busy}
        onChoose={(tip, percent) => void chargeCart(tip, percent)}
        onBack={cart.cancelTip}
      />
    )
  }

  return (
    <section className="cart-till" data-testid="cart-till" aria-label="Catalog till">
      <div className="catalog-column">
        <p className="catalog-age" data-testid="catalog-age">
          {catalog.title} ·{' '}
          {catalog.fetchedAt === null ? 'not read yet' : `as of ${timeText(catalog.fetchedAt)}`}
          {catalog.trouble && <span className="trouble"> {catalog.trouble}</span>}
          <button type="button" className="secondary" onClick={() => void cart.refresh()}>
            Refresh
          </button>
          <button type="button" className="secondary" onClick={onKeypad}>
            Keypad only
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
      <div className="cart" aria-label="Cart">
        <ul className="cart-lines" data-testid="cart-lines">
          {cart.lines.map((l) => (
            <li key={l.key}>
              <span className="cart-title">{l.title}</span>
              <button
                type="button"
                className="secondary"
                aria-label={`One less ${l.title}`}
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
                aria-label={`One more ${l.title}`}
                onClick={() => cart.setQuantity(l.key, l.quantity + 1)}
              >
                +
              </button>
              <span className="cart-amount">{money(l.unitMinor * l.quantity)}</span>
              <button
                type="button"
                className="danger"
                aria-label={`Remove ${l.title}`}
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
            placeholder="Amount"
            aria-label="Amount"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
          <button
            type="button"
            className="secondary"
            onClick={() => cart.addAmount(amount) && setAmount('')}
          >
            Add amount
          </button>
        </div>
        <p className="cart-total" data-testid="cart-total">
          Total {money(subtotal)}
        </p>
        {(cart.notice ?? chargeError) && (
          <p className="message error" role="alert" data-testid="cart-notice">
            {cart.notice ?? chargeError}
          </p>
        )}
        <button
          type="button"
          className="big primary"
          disabled={cart.lines.length === 0 || busy}
          onClick={next}
        >
          Charge {money(subtotal)}
        </button>
        <div className="row">
          <button
            type="button"
            className="secondary"
            disabled={cart.lines.length === 0}
            onClick={() => void cart.park()}
          >
            Park cart
          </button>
          <button type="button" className="secondary" onClick={cart.clear}>
            Clear
          </button>
        </div>
        {cart.parked.length > 0 && (
          <ul className="parked" aria-label="Parked carts" data-testid="parked-carts">
            {cart.parked.map((p) => (
              <li key={p.id}>
                <span>
                  {timeText(p.parkedAt)} · {p.lines.length} lines ·{' '}
                  {formatMinor(p.totalMinor, p.currency)}
                </span>
                <button type="button" className="secondary" onClick={() => void cart.resume(p.id)}>
                  Resume
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  )
}
