import { useEffect, useState } from 'react'
import type { CustomerView } from '../../../shared/customer-view'
import type { CustomerTipChoice } from '../../../shared/customer-tip'
import { formatMinor } from '../../../shared/money'
import { KeyGrid } from '../components/KeyGrid'
import { useLocale, useTranslation } from '../i18n'
import { amountSymbols } from '../keypad/amount-symbols'
import { formatEntry } from '../keypad/format-entry'
import { checkEntry, emptyKeypad, pressKey, type KeypadKey } from '../keypad/keypad'
import { refusalWords } from '../keypad/refusal-words'

/** A tap the till did not take (the link was down) lets the customer choose again after this. */
const RETRY_MS = 5_000

type TipView = Extract<CustomerView, { screen: 'tip' }>

/**
 * The customer's tip question: each of the shop's percentages with what it adds (the money first),
 * no tip, or a tip of their own on a calculator keypad. The answer goes to main, which takes it
 * only for this question; until the till moves on, the screen says thank you.
 */
export function TipScreen(props: {
  view: TipView
  choose: (choice: CustomerTipChoice['choice']) => void
}) {
  const { view } = props
  const { t } = useTranslation()
  const locale = useLocale()
  const [custom, setCustom] = useState(false)
  const [sent, setSent] = useState(false)
  const money = (minor: number) => formatMinor(minor, view.currency, locale)
  const percent = new Intl.NumberFormat(locale, { style: 'percent' })
  useEffect(() => {
    if (!sent) return undefined
    const timer = setTimeout(() => setSent(false), RETRY_MS)
    return () => clearTimeout(timer)
  }, [sent])
  const choose = (choice: CustomerTipChoice['choice']) => {
    setSent(true)
    props.choose(choice)
  }

  if (sent) {
    return (
      <section className="customer-result" role="status" data-testid="customer-tip-sent">
        <h1>{t('customerTip.thanks')}</h1>
      </section>
    )
  }
  if (custom) {
    return (
      <CustomTip
        view={view}
        onBack={() => setCustom(false)}
        onTip={(tipMinor) => choose({ kind: 'custom', tipMinor })}
      />
    )
  }
  return (
    <section className="customer-tip" data-testid="customer-tip">
      <h1>{view.text ?? t('tip.question')}</h1>
      <p className="customer-hint" data-testid="customer-tip-subtotal">
        {t('tip.yourTotal', { amount: money(view.subtotalMinor) })}
      </p>
      <div className="customer-tip-choices">
        {view.options.map((option, index) => (
          <button
            key={option.percent}
            type="button"
            className="customer-button primary"
            onClick={() => choose({ kind: 'option', index })}
          >
            <bdi dir="ltr">+{money(option.tipMinor)}</bdi>{' '}
            <small>{percent.format(option.percent / 100)}</small>
          </button>
        ))}
        {view.customMaxMinor > 0 && (
          <button type="button" className="customer-button" onClick={() => setCustom(true)}>
            {t('tip.other')}
          </button>
        )}
        <button type="button" className="customer-button" onClick={() => choose({ kind: 'none' })}>
          {t('tip.none')}
        </button>
      </div>
    </section>
  )
}

function CustomTip(props: {
  view: TipView
  onBack: () => void
  onTip: (tipMinor: number) => void
}) {
  const { currency, customMaxMinor } = props.view
  const { t } = useTranslation()
  const locale = useLocale()
  const [entry, setEntry] = useState(emptyKeypad)
  const config = { currency, locale }
  const check = checkEntry(entry, config, customMaxMinor)
  const press = (key: KeypadKey) => setEntry((e) => pressKey(e, key, config))
  const refusal = entry.refusal ?? (!check.ok && entry.text !== '' ? check.refusal : null)
  const shown =
    entry.text === '' ? formatMinor(0, currency, locale) : formatEntry(entry.text, currency, locale)
  return (
    <section className="customer-tip customer-tip-custom" data-testid="customer-tip-custom">
      <div className="customer-tip-entry">
        <h1>{t('tip.other')}</h1>
        <p className="customer-total" data-testid="customer-tip-typed">
          <bdi dir="ltr">{shown}</bdi>
        </p>
        <p className={refusal ? 'customer-hint error' : 'customer-hint'} role="status">
          {refusal && refusal.problem !== 'overMax'
            ? refusalWords(refusal, t, locale)
            : t('customerTip.upTo', { amount: formatMinor(customMaxMinor, currency, locale) })}
        </p>
        <button
          type="button"
          className="customer-button primary"
          disabled={!check.ok}
          onClick={() => check.ok && props.onTip(check.minor)}
        >
          {t('tip.add')}
        </button>
        <button type="button" className="customer-button" onClick={props.onBack}>
          {t('customerTip.back')}
        </button>
      </div>
      <KeyGrid label={t('keypad.keys')} onDigit={(digit) => press({ type: 'digit', digit })}>
        <button
          type="button"
          className="key"
          aria-label={t('keypad.decimalPoint')}
          onClick={() => press({ type: 'decimal' })}
        >
          {amountSymbols(currency, locale).decimal}
        </button>
        <button type="button" className="key" onClick={() => press({ type: 'digit', digit: '0' })}>
          0
        </button>
        <button
          type="button"
          className="key"
          aria-label={t('keypad.backspace')}
          onClick={() => press({ type: 'backspace' })}
        >
          ⌫
        </button>
      </KeyGrid>
    </section>
  )
}
