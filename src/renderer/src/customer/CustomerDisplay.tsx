import { useEffect, useState } from 'react'
import { customerViewSchema, type CustomerView } from '../../../shared/customer-view'
import type { CustomerApi } from '../../../shared/ipc/customer-api'
import { formatMinor } from '../../../shared/money'
import { Countdown } from '../components/Countdown'
import { QrCode } from '../components/QrCode'
import { paymentChoices } from '../sales/payment-choices'

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

/** The screen that faces the customer: fiat amount first, the QR, and a result they can read from afar. */
export function CustomerDisplay() {
  const view = useCustomerView()
  if (!view) {
    return <main className="customer idle" data-testid="customer-screen" data-screen="starting" />
  }
  return (
    <main className="customer" data-testid="customer-screen" data-screen={view.screen}>
      {view.screen === 'idle' && (
        <section className="customer-idle">
          <h1 data-testid="customer-shop">{view.shopName}</h1>
          <p>We accept bitcoin</p>
        </section>
      )}
      {view.screen === 'charge' && <ChargeScreen view={view} />}
      {view.screen === 'paid' && (
        <section className="customer-result paid" role="status">
          <Mark kind="paid" />
          <h1>Paid, thank you</h1>
          <p data-testid="customer-amount">{formatMinor(view.amountMinor, view.currency)}</p>
        </section>
      )}
      {view.screen === 'expired' && (
        <section className="customer-result expired" role="status">
          <Mark kind="expired" />
          <h1>Expired</h1>
          <p>This payment request has run out. Please ask the cashier.</p>
        </section>
      )}
    </main>
  )
}

function ChargeScreen({ view }: { view: Extract<CustomerView, { screen: 'charge' }> }) {
  const { choices, preferred } = paymentChoices(view.payment)
  const choice = choices.find((c) => c.id === preferred)
  return (
    <section className="customer-charge">
      <div className="customer-amount-side">
        <p className="customer-shop-small">{view.shopName}</p>
        <p className="customer-total-label">{view.partlyPaid ? 'Still to pay' : 'To pay'}</p>
        <p className="customer-total" data-testid="customer-amount">
          {formatMinor(view.amountMinor, view.currency)}
        </p>
        {view.payment?.btcDue && (
          <p className="customer-btc" data-testid="customer-btc">
            {view.payment.btcDue} BTC
          </p>
        )}
        {view.expiresAt !== null && <Countdown until={view.expiresAt} prefix="Expires in" />}
      </div>
      <div className="customer-qr-side">
        {choice ? (
          <>
            <QrCode text={choice.qrText} size={560} label={`${choice.title} payment QR code`} />
            <p className="customer-hint">
              Scan with your wallet ({choice.title}
              {view.partlyPaid ? ', the rest' : ''})
            </p>
          </>
        ) : (
          <p className="customer-hint" data-testid="customer-preparing">
            Preparing the payment…
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
