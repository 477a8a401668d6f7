import type { SaleView } from '../../../../shared/sale'
import { someBtc } from '../../sales/btc-text'

const btc = (text: string) => `${text} BTC`

/** What the cashier should know and do in this phase, in plain words. */
export function PhaseNote({ sale }: { sale: SaleView }) {
  const p = sale.payment
  switch (sale.phase) {
    case 'waiting':
      // The amount in BTC stands beside the QR code (or in BTCPay's checkout page).
      return null
    case 'partial':
      return (
        <div className="phase-note" data-testid="partial-note">
          <p className="due" data-testid="btc-due">
            Still due: {someBtc(p?.btcDue) ? btc(p.btcDue) : 'unknown'}
          </p>
          <p>
            The customer paid {someBtc(p?.btcPaid) ? btc(p.btcPaid) : 'part of it'}. Ask them to pay
            the rest with the code below. Do not hand over the goods yet.
          </p>
        </div>
      )
    case 'paid':
      return (
        <p className="phase-note" data-testid="paid-note">
          The full amount arrived. BTCPay is waiting for the network to confirm it; you can serve
          the next customer.
        </p>
      )
    case 'settled':
      return (
        <p className="phase-note" data-testid="settled-note">
          Confirmed. The sale is complete.
        </p>
      )
    case 'overpaid':
      return (
        <p className="phase-note" data-testid="overpaid-note">
          The customer paid more than due
          {someBtc(p?.btcPaid) && someBtc(p?.btcPrice)
            ? ` (${btc(p.btcPaid)} for ${btc(p.btcPrice)})`
            : ''}
          . The sale is paid; the extra can be refunded from BTCPay if the customer asks.
        </p>
      )
    case 'paid-late':
      return (
        <p className="phase-note" data-testid="paid-late-note">
          The payment arrived after the invoice had expired. BTCPay accepted it; check the amount in
          BTCPay if the rate moved a lot.
        </p>
      )
    case 'expired':
      return (
        <p className="phase-note" data-testid="expired-note">
          {someBtc(p?.btcPaid)
            ? `Only ${btc(p.btcPaid)} arrived before the invoice expired. Do not hand over the goods; refund that part from BTCPay or charge again.`
            : 'Nothing was paid in time. Do not hand over the goods. Charge again if the customer still wants to pay.'}
        </p>
      )
    case 'invalid':
      return (
        <p className="phase-note" data-testid="invalid-note">
          BTCPay marked this payment invalid (for example a double spend). Do not hand over the
          goods.
        </p>
      )
    case 'not-created':
      return (
        <p className="phase-note" data-testid="not-created-note">
          The invoice request never reached BTCPay, so nothing can have been paid. Check the
          connection and charge again.
        </p>
      )
    case 'abandoned':
      return (
        <p className="phase-note" data-testid="abandoned-note">
          This sale was cancelled.
        </p>
      )
    case 'creating':
      return null
  }
}
