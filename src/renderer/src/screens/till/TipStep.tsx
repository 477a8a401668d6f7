import { useState } from 'react'
import { formatMinor, parseAmount } from '../../../../shared/money'
import { tipFor } from '../../stores/cart-store'

/**
 * The customer's step: the screen turned to them, large choices of the shop's percentages with
 * what each adds, a tip of their own, or none. Nothing is charged until they chose.
 */
export function TipStep(props: {
  subtotalMinor: number
  currency: string
  percentages: readonly number[]
  text: string | null
  busy: boolean
  onChoose: (tipMinor: number, tipPercent: number | null) => void
  onBack: () => void
}) {
  const { subtotalMinor, currency } = props
  const [custom, setCustom] = useState('')
  const [error, setError] = useState<string | null>(null)
  const money = (minor: number) => formatMinor(minor, currency)
  const chooseCustom = () => {
    const check = parseAmount(custom, currency, subtotalMinor * 10)
    if (!check.ok) return setError(check.message)
    props.onChoose(check.minor, null)
  }
  return (
    <section className="tip-step" data-testid="tip-step" aria-label="Tip">
      <p className="tip-turn">Please hand the screen to the customer</p>
      <h2>{props.text ?? 'Would you like to add a tip?'}</h2>
      <p className="tip-subtotal">Your total: {money(subtotalMinor)}</p>
      <div className="tip-choices">
        {props.percentages.map((p) => (
          <button
            key={p}
            type="button"
            className="big primary"
            disabled={props.busy}
            onClick={() => props.onChoose(tipFor(subtotalMinor, p), p)}
          >
            {p}%<small>+{money(tipFor(subtotalMinor, p))}</small>
          </button>
        ))}
        <button
          type="button"
          className="big secondary"
          disabled={props.busy}
          onClick={() => props.onChoose(0, null)}
        >
          No tip
        </button>
      </div>
      <div className="tip-custom">
        <label>
          Other tip
          <input
            inputMode="decimal"
            value={custom}
            onChange={(e) => {
              setCustom(e.target.value)
              setError(null)
            }}
            aria-label="Other tip"
          />
        </label>
        <button type="button" className="big" disabled={props.busy} onClick={chooseCustom}>
          Add tip
        </button>
      </div>
      {error && <p className="message error">{error}</p>}
      <button type="button" className="secondary" onClick={props.onBack}>
        Back to the cart
      </button>
    </section>
  )
}
