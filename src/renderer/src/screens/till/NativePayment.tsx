import { useState } from 'react'
import type { SaleView } from '../../../../shared/sale'
import { Countdown } from '../../components/Countdown'
import { QrCode } from '../../components/QrCode'
import { someBtc } from '../../sales/btc-text'
import { paymentChoices, type PaymentChoice } from '../../sales/payment-choices'

/**
 * The payment QR code drawn on this screen, with a switch between the on-chain (BIP21) link and
 * the Lightning invoice when the sale has both, and the time left to pay.
 */
export function NativePayment({ sale }: { sale: SaleView }) {
  const { choices, preferred } = paymentChoices(sale.payment)
  const [picked, setPicked] = useState<PaymentChoice['id'] | null>(null)
  const choice = choices.find((c) => c.id === picked) ?? choices.find((c) => c.id === preferred)

  if (!choice) {
    return (
      <p className="message error" role="alert" data-testid="no-payment-link">
        This invoice has no payment link to show. Cancel and charge again, or use BTCPay.
      </p>
    )
  }
  return (
    <div className="native-payment">
      <div className="qr-column">
        <QrCode text={choice.qrText} size={320} label={`${choice.title} payment QR code`} />
        {choices.length > 1 && (
          <div className="segmented" role="tablist" aria-label="Payment method">
            {choices.map((c) => (
              <button
                key={c.id}
                role="tab"
                type="button"
                aria-selected={c.id === choice.id}
                className={c.id === choice.id ? 'tab active' : 'tab'}
                data-testid={`method-${c.id}`}
                onClick={() => setPicked(c.id)}
              >
                {c.title}
              </button>
            ))}
          </div>
        )}
      </div>
      <div className="pay-facts">
        {someBtc(sale.payment?.btcDue) && (
          <p className="btc" data-testid="btc-amount">
            {sale.payment.btcDue} BTC
          </p>
        )}
        <p className="scan-hint">
          Scan with a {choice.id === 'lightning' ? 'Lightning' : 'bitcoin'} wallet
        </p>
        {sale.expiresAt !== null && <Countdown until={sale.expiresAt} prefix="Expires in" />}
      </div>
    </div>
  )
}
