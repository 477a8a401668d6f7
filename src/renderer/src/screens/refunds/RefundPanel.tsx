import { useEffect, useState } from 'react'
import { formatMinor } from '../../../../shared/money'
import type { RefundOptions, RefundVariant } from '../../../../shared/refund'
import type { SaleView } from '../../../../shared/sale'
import { useLocale, useTranslation } from '../../i18n'
import { useRefundsStore, useTerminalStore } from '../../stores/bound-stores'
import { PinPrompt } from '../manager/PinPrompt'
import { RefundClaim } from './RefundClaim'
import { failText, wordsOr } from '../../i18n/fail-words'
import { optionWords } from './refund-words'

/**
 * Refund a sale from History, behind the manager PIN: BTCPay's variants for it in words, a
 * custom part and a percentage kept as a fee; then the claim code until the customer is paid.
 */
export function RefundPanel({ sale, onClose }: { sale: SaleView; onClose: () => void }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const manager = useTerminalStore((s) => s.state?.manager)
  const locked = manager ? manager.pinSet && !manager.unlocked : true
  const previewRefund = useRefundsStore((s) => s.previewRefund)
  const refundSale = useRefundsStore((s) => s.refundSale)
  const refunds = useRefundsStore((s) => s.bySale[sale.id])
  const [options, setOptions] = useState<RefundOptions | null>(null)
  const [variant, setVariant] = useState<RefundVariant | null>(null)
  const [customAmount, setCustomAmount] = useState('')
  const [keepPercent, setKeepPercent] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [refundId, setRefundId] = useState<string | null>(null)

  useEffect(() => {
    if (locked) return
    let live = true
    void previewRefund(sale.id).then((r) => {
      if (!live) return
      if (!r.ok) return setError(failText(r))
      setOptions(r.data)
      const over = r.data.options.find((o) => o.variant === 'OverpaidAmount')
      setVariant(over ? over.variant : (r.data.options[0]?.variant ?? null))
    })
    return () => {
      live = false
    }
  }, [locked, previewRefund, sale.id])

  const issued = refunds?.find((r) => r.id === refundId)
  const title = t('refund.title', { amount: formatMinor(sale.amountMinor, sale.currency, locale) })

  const submit = async () => {
    if (!variant) return
    setBusy(true)
    setError(null)
    const result = await refundSale({
      saleId: sale.id,
      variant,
      ...(variant === 'Custom' ? { customAmount: customAmount.trim() } : {}),
      ...(keepPercent.trim() !== '' ? { keepPercent: keepPercent.trim() } : {}),
    })
    setBusy(false)
    if (!result.ok) return setError(failText(result))
    setRefundId(result.data.id)
  }

  let body
  if (locked) body = <PinPrompt />
  else if (issued) body = <RefundClaim refund={issued} />
  else if (error && !options)
    body = (
      <p className="message error" role="alert" data-testid="refund-refused">
        {error}
      </p>
    )
  else if (!options) body = <p className="message">{t('refund.asking')}</p>
  else if (options.refused)
    body = (
      <p className="message error" role="alert" data-testid="refund-refused">
        {wordsOr(options.refusedWords, options.refused, t, locale)}
      </p>
    )
  else
    body = (
      <form
        className="refund-form"
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <fieldset className="refund-choices">
          <legend>{t('refund.what')}</legend>
          {options.options.map((o) => (
            <label key={o.variant} className="refund-choice" data-variant={o.variant}>
              <input
                type="radio"
                name="variant"
                value={o.variant}
                checked={variant === o.variant}
                onChange={() => setVariant(o.variant)}
              />
              <span>{optionWords(o, options, t, locale)}</span>
            </label>
          ))}
        </fieldset>
        {variant === 'Custom' && (
          <label className="refund-field">
            {t('refund.amount', { currency: options.currency })}
            <input
              inputMode="decimal"
              aria-label={t('refund.amountIn', { currency: options.currency })}
              value={customAmount}
              onChange={(e) => setCustomAmount(e.target.value)}
            />
          </label>
        )}
        <label className="refund-field">
          {t('refund.keep')}
          <input
            inputMode="decimal"
            aria-label={t('refund.keepLabel')}
            value={keepPercent}
            onChange={(e) => setKeepPercent(e.target.value)}
          />
        </label>
        {error && (
          <p className="message error" role="alert" data-testid="refund-error">
            {error}
          </p>
        )}
        <button className="big primary" type="submit" disabled={busy || !variant}>
          {busy ? t('refund.refunding') : t('refund.submit')}
        </button>
      </form>
    )

  return (
    <section className="panel refund-panel" aria-label={title} data-testid="refund-panel">
      <div className="row spread">
        <h1>{title}</h1>
        <button className="big secondary" onClick={onClose}>
          {issued ? t('common.done') : t('common.close')}
        </button>
      </div>
      {body}
    </section>
  )
}
