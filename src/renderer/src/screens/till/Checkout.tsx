import { useEffect, useRef, useState } from 'react'
import { formatMinor, minorDigits, minorToDecimal } from '../../../../shared/money'
import { successPhases, type SalePhase, type SaleView } from '../../../../shared/sale'
import type { Settings } from '../../../../shared/settings'
import { useLocale, useTranslation } from '../../i18n'
import { codeWords } from '../../i18n/code-words'
import { playPaymentSound } from '../../sales/payment-sound'
import { payablePhases } from '../../../../shared/sale'
import { phaseLook } from '../../sales/phases'
import { useAppStore, useSalesStore } from '../../stores/bound-stores'
import { EmbeddedPayment } from './EmbeddedPayment'
import { NativePayment } from './NativePayment'
import { PhaseNote } from './PhaseNote'
import { ReceiptStatus } from './ReceiptStatus'
import { DemoCustomer } from './DemoCustomer'

const isSuccess = (sale: SaleView) => successPhases.includes(sale.phase)

/** Plays the chime once when the sale on screen turns into a success, if the shop wants sound. */
function usePaymentSound(sale: SaleView, enabled: boolean) {
  const last = useRef<{ id: string; success: boolean } | null>(null)
  useEffect(() => {
    const success = isSuccess(sale)
    const before = last.current
    last.current = { id: sale.id, success }
    // A sale reopened already paid does not chime; only the change on screen does.
    if (enabled && success && before?.id === sale.id && !before.success) playPaymentSound()
  }, [sale, enabled])
}

/**
 * Only a plain success goes back to the keypad on its own; an outcome that needs the cashier's
 * decision (overpaid, paid late, partial, invalid) stays until dismissed.
 */
const returnsByItself: readonly SalePhase[] = ['paid', 'settled']

/** Seconds left before the keypad comes back on its own; null when it stays. */
function useAutoReturn(sale: SaleView, seconds: number, leave: () => void): number | null {
  const active = returnsByItself.includes(sale.phase) && seconds > 0
  const key = `${sale.id}:${seconds}`
  const [tick, setTick] = useState<{ key: string; left: number } | null>(null)
  useEffect(() => {
    if (!active) return undefined
    const until = Date.now() + seconds * 1000
    const timer = setInterval(() => {
      const left = Math.ceil((until - Date.now()) / 1000)
      if (left <= 0) leave()
      else setTick({ key, left })
    }, 250)
    return () => clearInterval(timer)
  }, [active, seconds, leave, key])
  if (!active) return null
  return tick?.key === key ? tick.left : seconds
}

/**
 * The sale after Charge (or reopened from the history): the payment itself while it can be paid,
 * then one unmistakable screen per outcome. Its phase comes only from main.
 */
export function Checkout({
  sale,
  settings,
  serverUrl,
}: {
  sale: SaleView
  settings: Settings
  serverUrl: string | null
}) {
  const demo = useAppStore((s) => s.info?.demo ?? false)
  const busy = useSalesStore((s) => s.busy)
  const error = useSalesStore((s) => s.error)
  const cancelSale = useSalesStore((s) => s.cancelSale)
  const leave = useSalesStore((s) => s.leave)
  const charge = useSalesStore((s) => s.charge)
  const [frameClosed, setFrameClosed] = useState(false)
  const [againError, setAgainError] = useState<string | null>(null)
  const { t } = useTranslation()
  const locale = useLocale()
  usePaymentSound(sale, settings.sound)
  const autoReturn = useAutoReturn(sale, settings.returnToKeypadSeconds, leave)

  const look = phaseLook[sale.phase]
  const payable = payablePhases.includes(sale.phase)
  const success = isSuccess(sale)
  const fiat = formatMinor(sale.amountMinor, sale.currency, locale)
  const embedded = settings.checkoutMode === 'embedded' && !frameClosed

  const chargeAgain = () => {
    if (sale.currency !== settings.currency) {
      setAgainError(t('checkout.otherCurrency', { till: settings.currency, sale: sale.currency }))
      return
    }
    setAgainError(null)
    const amount = minorToDecimal(sale.amountMinor, minorDigits(sale.currency))
    void charge(sale.description ? { amount, description: sale.description } : { amount })
  }

  // 'close' from BTCPay's checkout: an unpaid sale is cancelled as with our Cancel button;
  // anything else keeps the sale and shows our own screen for it.
  const onFrameClose = () => {
    if (sale.phase === 'waiting') void cancelSale()
    else setFrameClosed(true)
  }

  return (
    <section
      className={`checkout tone-${look.tone}${payable || sale.phase === 'creating' ? '' : ' outcome'}`}
      data-testid={`checkout-${sale.phase}`}
      aria-labelledby="phase-title"
    >
      {sale.trouble && (
        <p className="trouble" role="alert" data-testid="trouble">
          {t('checkout.trouble', { trouble: t(codeWords[sale.troubleCode ?? 'network']) })}
        </p>
      )}
      <div className="phase-banner">
        <h1 id="phase-title" data-testid="phase-title" role="status">
          {t(look.title)}
          {look.subtitle && <span className="subtitle"> {t(look.subtitle)}</span>}
        </h1>
        <p className="fiat" data-testid="fiat-amount">
          <bdi dir="ltr">{fiat}</bdi>
        </p>
        {sale.description && <p className="sale-description">{sale.description}</p>}
      </div>

      <PhaseNote sale={sale} />

      {sale.phase === 'creating' && (
        <div className="frame-cover" role="status">
          <span className="spinner" aria-hidden="true" />
          <p>{t('checkout.asking')}</p>
        </div>
      )}

      {demo && <DemoCustomer sale={sale} />}

      {payable &&
        (embedded ? (
          <EmbeddedPayment sale={sale} serverUrl={serverUrl} onClose={onFrameClose} />
        ) : (
          <NativePayment sale={sale} />
        ))}

      {success && <ReceiptStatus saleId={sale.id} autoPrint={settings.receipts.autoPrint} />}

      {(error ?? againError) && (
        <p className="message error" role="alert" data-testid="checkout-error">
          {againError ?? error}
        </p>
      )}

      <div className="row actions">
        {(sale.phase === 'waiting' || sale.phase === 'creating') && (
          <button
            className="big danger"
            disabled={busy}
            data-testid="cancel-sale"
            onClick={() => void cancelSale()}
          >
            {t('checkout.cancel')}
          </button>
        )}
        {(sale.phase === 'expired' || sale.phase === 'not-created') && (
          <button className="big" disabled={busy} data-testid="charge-again" onClick={chargeAgain}>
            {busy ? t('keypad.creatingInvoice') : t('checkout.chargeAgain', { amount: fiat })}
          </button>
        )}
        {!payable && sale.phase !== 'creating' && (
          <button
            className={success ? 'big' : 'big secondary'}
            data-testid="new-sale"
            onClick={leave}
            autoFocus
          >
            {t('checkout.newSale')}
          </button>
        )}
        {payable && sale.phase === 'partial' && (
          <button className="big secondary" onClick={leave} data-testid="leave-sale">
            {t('checkout.leave')}
          </button>
        )}
        {autoReturn !== null && (
          <p className="message" data-testid="auto-return">
            {t('checkout.autoReturn', { count: autoReturn })}
          </p>
        )}
      </div>
    </section>
  )
}
