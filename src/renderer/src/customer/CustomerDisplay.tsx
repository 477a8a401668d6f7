import { useEffect, useState } from 'react'
import { customerViewSchema, type CustomerView } from '../../../shared/customer-view'
import type { CustomerApi } from '../../../shared/ipc/customer-api'
import { formatMinor } from '../../../shared/money'
import { Countdown } from '../components/Countdown'
import { QrCode } from '../components/QrCode'
import { applyLanguage, useLocale, useTranslation } from '../i18n'
import { methodName, paymentChoices } from '../sales/payment-choices'
import { TipScreen } from './TipScreen'

declare global {
  interface Window {
    customerDisplay?: CustomerApi
  }
}

/** Follows the till's sanitized view; a view that does not parse keeps the last good one. */
function useCustomerView(): CustomerView | null {
  const [view, setView] = useState<{ version: number; data: CustomerView } | null>(null)
  useEffect(() => {
    const bridge = window.customerDisplay
    if (!bridge) return undefined
    return bridge.onCustomerView(({ version, data }) => {
      const parsed = customerViewSchema.safeParse(data)
      if (!parsed.success) return
      setView((seen) => (seen && seen.version >= version ? seen : { version, data: parsed.data }))
    })
  }, [])
  return view?.data ?? null
}

/**
 * The screen that faces the customer: fiat amount first, the QR, and a result they can read from
 * afar, in the shop's language (the view carries the till's setting).
 */
export function CustomerDisplay() {
  const view = useCustomerView()
  const { t } = useTranslation()
  const locale = useLocale()
  const language = view?.language ?? 'system'
  useEffect(() => applyLanguage(language), [language])
  if (!view) {
    return <main className="customer idle" data-testid="customer-screen" data-screen="starting" />
  }
  return (
    <main className="customer" data-testid="customer-screen" data-screen={view.screen}>
      {view.screen === 'idle' && (
        <section className="customer-idle">
          <h1 data-testid="customer-shop">{view.shopName}</h1>
          <p>{t('customer.weAccept')}</p>
        </section>
      )}
      {view.screen === 'charge' && <ChargeScreen view={view} />}
      {view.screen === 'tip' && (
        <TipScreen
          key={view.questionId}
          view={view}
          choose={(choice) =>
            window.customerDisplay?.chooseTip({ questionId: view.questionId, choice })
          }
        />
      )}
      {view.screen === 'paid' && (
        <section className="customer-result paid" role="status">
          <Mark kind="paid" />
          <h1>{t('customer.paid')}</h1>
          <p data-testid="customer-amount">
            <bdi dir="ltr">{formatMinor(view.amountMinor, view.currency, locale)}</bdi>
          </p>
        </section>
      )}
      {view.screen === 'refund' && (
        <section className="customer-charge" data-testid="customer-refund">
          <div className="customer-amount-side">
            <p className="customer-shop-small">{view.shopName}</p>
            <p className="customer-total-label">{t('customer.refund')}</p>
            {view.amount && (
              <p className="customer-total">
                <bdi dir="ltr">
                  {view.amount} {view.amountCurrency}
                </bdi>
              </p>
            )}
          </div>
          <div className="customer-qr-side">
            <QrCode text={view.claimLink} size={560} label={t('customer.refundQr')} />
            <p className="customer-hint">{t('customer.refundHint')}</p>
          </div>
        </section>
      )}
      {view.screen === 'expired' && (
        <section className="customer-result expired" role="status">
          <Mark kind="expired" />
          <h1>{t('customer.expired')}</h1>
          <p>{t('customer.expiredHint')}</p>
        </section>
      )}
    </main>
  )
}

function ChargeScreen({ view }: { view: Extract<CustomerView, { screen: 'charge' }> }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { choices, preferred } = paymentChoices(view.payment)
  // The code the cashier switched to on the till, else the one both screens prefer.
  const choice =
    choices.find((c) => c.id === view.method) ?? choices.find((c) => c.id === preferred)
  return (
    <section className="customer-charge">
      <div className="customer-amount-side">
        <p className="customer-shop-small">{view.shopName}</p>
        <p className="customer-total-label">
          {view.partlyPaid ? t('customer.stillToPay') : t('customer.toPay')}
        </p>
        <p className="customer-total" data-testid="customer-amount">
          <bdi dir="ltr">{formatMinor(view.amountMinor, view.currency, locale)}</bdi>
        </p>
        {view.payment?.btcDue && (
          <p className="customer-btc" data-testid="customer-btc">
            <bdi dir="ltr">{view.payment.btcDue} BTC</bdi>
          </p>
        )}
        {view.expiresAt !== null && (
          <Countdown until={view.expiresAt} label={(time) => t('pay.expiresIn', { time })} />
        )}
      </div>
      <div className="customer-qr-side">
        {choice ? (
          <>
            <QrCode
              text={choice.qrText}
              size={560}
              label={t('pay.qrLabel', { method: t(methodName[choice.id]) })}
            />
            <p className="customer-hint" data-testid="customer-method" data-method={choice.id}>
              {view.partlyPaid
                ? t('customer.scanRest', { method: t(methodName[choice.id]) })
                : t('customer.scan', { method: t(methodName[choice.id]) })}
            </p>
          </>
        ) : (
          <p className="customer-hint" data-testid="customer-preparing">
            {t('customer.preparing')}
          </p>
        )}
      </div>
    </section>
  )
}

/** Drawn, not a font glyph: a till's OS may have no emoji or symbol font. */
function Mark({ kind }: { kind: 'paid' | 'expired' }) {
  return (
    <svg className="customer-mark" viewBox="0 0 48 48" aria-hidden="true">
      <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" strokeWidth="4" />
      {kind === 'paid' ? (
        <path d="M14 25l7 7 13-15" fill="none" stroke="currentColor" strokeWidth="5" />
      ) : (
        <path d="M24 12v13l8 5" fill="none" stroke="currentColor" strokeWidth="4" />
      )}
    </svg>
  )
}
