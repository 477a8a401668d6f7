import { useEffect, useEffectEvent, useRef, useState } from 'react'
import { formatMinor, minorDigits } from '../../../../shared/money'
import type { Settings } from '../../../../shared/settings'
import { amountSymbols } from '../../keypad/amount-symbols'
import { formatEntry } from '../../keypad/format-entry'
import { keyForKeyboard } from '../../keypad/keyboard'
import { refusalWords } from '../../keypad/refusal-words'
import { checkEntry, emptyKeypad, maxMinorFor, pressKey, type KeypadKey } from '../../keypad/keypad'
import { KeyGrid } from '../../components/KeyGrid'
import { useLocale, useTranslation } from '../../i18n'
import { primeSound } from '../../sales/payment-sound'
import { useAppStore, usePaymentRequestsStore, useSalesStore } from '../../stores/bound-stores'

/** Nothing but zeros typed so far ("0", "0.", "0.0"): not worth an error until Charge. */
const zeroSoFar = (text: string) => /^0*\.?0*$/.test(text)

/**
 * Amount entry: touch keys and a physical keyboard or numpad, an optional description, and a
 * Charge button that stays disabled while the amount cannot be charged. An amount main would
 * refuse never leaves this screen: the message says why instead.
 */
export function Keypad({ settings, serverUrl }: { settings: Settings; serverUrl: string }) {
  const { currency, maxAmount } = settings
  const [entry, setEntry] = useState(emptyKeypad)
  const { t } = useTranslation()
  const locale = useLocale()
  const [description, setDescription] = useState('')
  const [attempted, setAttempted] = useState(false)
  const busy = useSalesStore((s) => s.busy)
  const chargeError = useSalesStore((s) => s.error)
  const charge = useSalesStore((s) => s.charge)
  const clearError = useSalesStore((s) => s.clearError)
  const billLater = usePaymentRequestsStore((s) => s.billLater)
  const go = useAppStore((s) => s.go)
  const descriptionRef = useRef<HTMLInputElement>(null)
  const sectionRef = useRef<HTMLElement>(null)
  const amountRef = useRef<HTMLDivElement>(null)

  // The language's locale, as every other Intl call on screen uses.
  const config = { currency, locale }
  const symbols = amountSymbols(currency, locale)
  const maxMinor = maxMinorFor(maxAmount, currency)
  const check = checkEntry(entry, config, maxMinor)
  const noDecimals = minorDigits(currency) === 0

  const refusal =
    entry.refusal ??
    (!check.ok && (attempted || (entry.text !== '' && !zeroSoFar(entry.text)))
      ? check.refusal
      : null)
  const message = (refusal && refusalWords(refusal, t, locale)) ?? chargeError

  const press = (key: KeypadKey) => {
    setEntry((e) => pressKey(e, key, config))
    setAttempted(false)
    if (chargeError) clearError()
  }

  const submit = () => {
    setAttempted(true)
    if (!check.ok || busy) return
    if (settings.sound) primeSound()
    const text = description.trim()
    void charge(text ? { amount: entry.text, description: text } : { amount: entry.text })
  }

  const onKeyDown = useEffectEvent((e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return
    const target = e.target instanceof HTMLElement ? e.target : null
    const inDescription = target !== null && target === descriptionRef.current
    const typing = target?.closest('input, textarea, select, [contenteditable="true"]') != null
    if (e.key === 'Enter') {
      // Enter charges from the keypad and the description; a focused tab or link keeps its own.
      const here =
        target === null || target === document.body || sectionRef.current?.contains(target)
      if (!here) return
      e.preventDefault()
      submit()
      return
    }
    if (inDescription || typing) return
    // Space on a focused button presses it; it is not typing.
    if (e.key === ' ' && target?.closest('button, a, [role="button"]')) return
    const key = keyForKeyboard(e, symbols)
    if (!key) return
    e.preventDefault()
    press(key)
  })

  const onPaste = useEffectEvent((e: ClipboardEvent) => {
    const target = e.target instanceof HTMLElement ? e.target : null
    if (target?.closest('input, textarea, select, [contenteditable="true"]')) return
    e.preventDefault()
    press({ type: 'paste', text: e.clipboardData?.getData('text') ?? '' })
  })

  useEffect(() => {
    // The amount has the focus from the start, so Enter charges and not the tab just tapped.
    amountRef.current?.focus({ preventScroll: true })
    const key = (e: KeyboardEvent) => onKeyDown(e)
    const paste = (e: ClipboardEvent) => onPaste(e)
    window.addEventListener('keydown', key)
    document.addEventListener('paste', paste)
    return () => {
      window.removeEventListener('keydown', key)
      document.removeEventListener('paste', paste)
    }
  }, [])

  const shown =
    entry.text === '' ? formatMinor(0, currency, locale) : formatEntry(entry.text, currency, locale)
  const separator = symbols.decimal

  return (
    <section
      className="till"
      ref={sectionRef}
      data-testid="keypad-screen"
      aria-label={t('keypad.label')}
    >
      <div className="entry">
        <div
          ref={amountRef}
          className={`amount${entry.text === '' ? ' empty' : ''}${shown.length > 12 ? ' long' : ''}`}
          data-testid="amount-display"
          role="textbox"
          aria-readonly="true"
          aria-label={t('keypad.amountIn', { currency })}
          aria-live="polite"
          tabIndex={0}
        >
          {shown}
        </div>
        <p
          className={message ? 'message error' : 'message'}
          role={message ? 'alert' : 'status'}
          data-testid="keypad-message"
        >
          {message ?? (entry.text === '' ? t('keypad.typeAmount') : '')}
          {entry.refusal ? ` ${t('keypad.pressClear')}` : ''}
        </p>
        <p className="limit" data-testid="keypad-limit">
          {t('keypad.upTo', { amount: formatMinor(maxMinor, currency, locale) })}
        </p>
        <label className="description">
          {t('keypad.description')}
          <input
            ref={descriptionRef}
            value={description}
            maxLength={200}
            autoComplete="off"
            placeholder={t('keypad.descriptionPlaceholder')}
            data-testid="description"
            onChange={(e) => setDescription(e.target.value)}
          />
        </label>
        {/* One row: a second full-width button would push the keypad off a 480x800 screen. */}
        <div className="charge-row">
          <button
            className="big charge"
            data-testid="charge-button"
            disabled={!check.ok || busy}
            onClick={submit}
          >
            {busy
              ? t('keypad.creatingInvoice')
              : check.ok
                ? t('keypad.chargeAmount', { amount: shown })
                : t('keypad.charge')}
          </button>
          <button
            type="button"
            className="big secondary"
            data-testid="bill-later"
            disabled={!check.ok || busy}
            onClick={() => {
              billLater(entry.text, description.trim(), settings)
              go('requests')
            }}
          >
            {t('keypad.billLater')}
          </button>
        </div>
        <p className="paired-with" data-testid="home-status">
          {settings.chargeVia === 'greenfield'
            ? t('keypad.chargingWithKey', { server: serverUrl })
            : t('keypad.pairedWith', { server: serverUrl })}
        </p>
      </div>
      <KeyGrid label={t('keypad.keys')} onDigit={(digit) => press({ type: 'digit', digit })}>
        <button
          type="button"
          className={noDecimals ? 'key muted-key' : 'key'}
          aria-label={t('keypad.decimalPoint')}
          onClick={() => press({ type: 'decimal' })}
        >
          {separator}
        </button>
        <button type="button" className="key" onClick={() => press({ type: 'digit', digit: '0' })}>
          0
        </button>
        <button type="button" className="key" onClick={() => press({ type: 'digit', digit: '00' })}>
          00
        </button>
        <button
          type="button"
          className="key key-wide secondary"
          onClick={() => press({ type: 'clear' })}
        >
          {t('keypad.clear')}
        </button>
        <button
          type="button"
          className="key secondary"
          aria-label={t('keypad.backspace')}
          onClick={() => press({ type: 'backspace' })}
        >
          ⌫
        </button>
      </KeyGrid>
    </section>
  )
}
