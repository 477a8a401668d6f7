import { useEffect } from 'react'
import type { TipQuestion } from '../../../../shared/customer-tip'
import { formatMinor } from '../../../../shared/money'
import { useLocale, useTranslation } from '../../i18n'
import { useCartStore } from '../../stores/bound-stores'

/**
 * The till while the customer picks a tip on their display: it charges their answer the moment it
 * arrives, and the cashier can answer for them (on the till's tip step), give no tip, or go back.
 */
export function TipWaiting(props: {
  question: TipQuestion
  busy: boolean
  onChoose: (tipMinor: number, tipPercent: number | null) => void
  onChooseForThem: () => void
  onNoTip: () => void
  onBack: () => void
}) {
  const { question, onChoose } = props
  const answer = useCartStore((s) => s.tipAnswer)
  const takeTipAnswer = useCartStore((s) => s.takeTipAnswer)
  const { t } = useTranslation()
  const locale = useLocale()
  useEffect(() => {
    // Taken once: the charge must not run again when the screen renders again.
    const taken = takeTipAnswer()
    if (taken) onChoose(taken.tipMinor, taken.tipPercent)
  }, [answer, takeTipAnswer, onChoose])
  return (
    <section className="tip-step" data-testid="tip-waiting" aria-label={t('tip.label')}>
      <h2 role="status">{t('tipWait.waiting')}</h2>
      <p className="tip-subtotal">
        {t('tip.yourTotal', {
          amount: formatMinor(question.subtotalMinor, question.currency, locale),
        })}
      </p>
      <div className="tip-choices">
        <button
          type="button"
          className="big primary"
          disabled={props.busy}
          onClick={props.onChooseForThem}
        >
          {t('tipWait.chooseForThem')}
        </button>
        <button
          type="button"
          className="big secondary"
          disabled={props.busy}
          onClick={props.onNoTip}
        >
          {t('tip.none')}
        </button>
      </div>
      <button type="button" className="secondary" disabled={props.busy} onClick={props.onBack}>
        {t('tip.back')}
      </button>
    </section>
  )
}
