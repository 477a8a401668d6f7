import { useState } from 'react'
import { tipFor } from '../../../../shared/catalog'
import { formatMinor, parseAmount } from '../../../../shared/money'
import { refusalWords } from '../../keypad/refusal-words'
import { useLocale, useTranslation } from '../../i18n'

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
  const { t } = useTranslation()
  const locale = useLocale()
  const money = (minor: number) => formatMinor(minor, currency, locale)
  const chooseCustom = () => {
    const check = parseAmount(custom, currency, subtotalMinor * 10)
    if (!check.ok) return setError(refusalWords(check.refusal, t, locale))
    props.onChoose(check.minor, null)
  }
  return (
    <section className="tip-step" data-testid="tip-step" aria-label={t('tip.label')}>
      <p className="tip-turn">{t('tip.turn')}</p>
      <h2>{props.text ?? t('tip.question')}</h2>
      <p className="tip-subtotal">{t('tip.yourTotal', { amount: money(subtotalMinor) })}</p>
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
          {t('tip.none')}
        </button>
      </div>
      <div className="tip-custom">
        <label>
          {t('tip.other')}
          <input
            inputMode="decimal"
            value={custom}
            onChange={(e) => {
              setCustom(e.target.value)
              setError(null)
            }}
            aria-label={t('tip.other')}
          />
        </label>
        <button type="button" className="big" disabled={props.busy} onClick={chooseCustom}>
          {t('tip.add')}
        </button>
      </div>
      {error && <p className="message error">{error}</p>}
      <button type="button" className="secondary" onClick={props.onBack}>
        {t('tip.back')}
      </button>
    </section>
  )
}
