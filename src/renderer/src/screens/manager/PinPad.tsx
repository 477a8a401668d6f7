import {
  useEffect,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react'
import { pauseScans } from '../../catalog/scan-pause'
import { FieldError } from '../../components/FieldError'
import { KeyGrid } from '../../components/KeyGrid'
import { useTranslation } from '../../i18n'

const MAX_DIGITS = 12

/**
 * A PIN typed on the till's own calculator keys or a keyboard: digits, Backspace, Enter. What is
 * typed shows as dots; the error about it stands right under it.
 */
export function PinPad({
  title,
  hint,
  submitLabel,
  busy,
  error,
  testId,
  onSubmit,
  children,
}: {
  title: string
  hint?: string
  submitLabel: string
  busy: boolean
  error: string | null
  testId: string
  onSubmit: (pin: string) => void
  /** More actions under the pad (Cancel). */
  children?: ReactNode
}) {
  const { t } = useTranslation()
  const [pin, setPin] = useState('')
  const fieldRef = useRef<HTMLInputElement>(null)
  const add = (digits: string) => setPin((p) => (p + digits).slice(0, MAX_DIGITS))
  const removeLast = () => setPin((p) => p.slice(0, -1))
  // A PIN typed fast on a keyboard must never be taken for a barcode.
  useEffect(() => pauseScans(), [])

  const submit = (e?: FormEvent) => {
    e?.preventDefault()
    if (pin === '' || busy) return
    setPin('')
    onSubmit(pin)
  }

  // With a key of the pad focused after a tap, the keyboard still types into the PIN.
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.target === fieldRef.current || e.ctrlKey || e.metaKey || e.altKey) return
    if (e.target instanceof HTMLButtonElement && e.target.type === 'submit') return
    if (/^[0-9]$/.test(e.key)) add(e.key)
    else if (e.key === 'Backspace') removeLast()
    else if (e.key === 'Enter') submit()
    else return
    e.preventDefault()
  }

  const errorId = `${testId}-error`
  return (
    <form className="pin-prompt" data-testid={testId} onSubmit={submit} onKeyDown={onKeyDown}>
      <h2>{title}</h2>
      {hint && <p className="message">{hint}</p>}
      <input
        ref={fieldRef}
        className="pin-field"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        aria-label={title}
        aria-invalid={error !== null}
        aria-describedby={errorId}
        value={pin}
        autoFocus
        data-testid="pin-field"
        onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, MAX_DIGITS))}
      />
      <FieldError id={errorId} text={error} />
      <KeyGrid label={t('pin.keys')} onDigit={add}>
        <button type="button" className="key key-wide" onClick={() => add('0')}>
          0
        </button>
        <button
          type="button"
          className="key secondary"
          aria-label={t('pin.deleteDigit')}
          onClick={removeLast}
        >
          ⌫
        </button>
      </KeyGrid>
      <button type="submit" className="big" disabled={busy || pin === ''}>
        {submitLabel}
      </button>
      {children}
    </form>
  )
}
