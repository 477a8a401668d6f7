import { formatMinor } from '../../../../shared/money'
import type { SaleView } from '../../../../shared/sale'
import { btcToMinor, someBtc } from '../../sales/btc-text'

/**
 * A BTC amount of this sale for the cashier: the sale's currency first at the rate BTCPay used,
 * the BTC beside it ("$2.10 · 0.0000336 BTC"); BTC alone when the rate is unknown.
 */
function Money({ sale, btc, testId }: { sale: SaleView; btc: string; testId?: string }) {
  const minor = btcToMinor(btc, sale.payment?.rate, sale.currency)
  return (
    <span className="money" data-testid={testId}>
      {minor !== null && <strong className="fiat-part">{formatMinor(minor, sale.currency)}</strong>}
      <span className="btc-part">{minor !== null ? ` · ${btc} BTC` : `${btc} BTC`}</span>
    </span>
  )
}

/** The rate BTCPay fixed for the invoice, so the cashier can check the fiat figures. */
function RateLine({ sale }: { sale: SaleView }) {
  const perBtc = btcToMinor('1', sale.payment?.rate, sale.currency)
  if (perBtc === null) return null
  return (
    <p className="rate" data-testid="rate">
      At BTCPay’s rate: 1 BTC = {formatMinor(perBtc, sale.currency)}
    </p>
  )
}

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
          <p className="due">
            Still due:{' '}
            {someBtc(p?.btcDue) ? <Money sale={sale} btc={p.btcDue} testId="btc-due" /> : 'unknown'}
          </p>
          <p>
            Paid so far:{' '}
            {someBtc(p?.btcPaid) ? (
              <Money sale={sale} btc={p.btcPaid} testId="paid" />
            ) : (
              'part of it'
            )}
            . Ask for the rest with the code; do not hand over the goods yet.
          </p>
          <RateLine sale={sale} />
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
        <div className="phase-note" data-testid="overpaid-note">
          <Overpaid sale={sale} />
          <p>
            The sale is paid. The extra belongs to the customer: refund it from BTCPay if they ask.
          </p>
          <RateLine sale={sale} />
        </div>
      )
    case 'paid-late':
      return (
        <div className="phase-note" data-testid="paid-late-note">
          {someBtc(p?.btcPaid) && (
            <p className="due">
              Paid: <Money sale={sale} btc={p.btcPaid} testId="paid" />
            </p>
          )}
          <p>
            The payment arrived after the invoice had expired. BTCPay accepted it; check the amount
            in BTCPay if the rate moved a lot.
          </p>
          <RateLine sale={sale} />
        </div>
      )
    case 'expired':
      return (
        <p className="phase-note" data-testid="expired-note">
          {someBtc(p?.btcPaid) ? (
            <>
              Only <Money sale={sale} btc={p.btcPaid} testId="paid" /> arrived before the invoice
              expired. Do not hand over the goods; refund that part from BTCPay or charge again.
            </>
          ) : (
            'Nothing was paid in time. Do not hand over the goods. Charge again if the customer still wants to pay.'
          )}
        </p>
      )
    case 'invalid':
      return (
        <div className="phase-note" data-testid="invalid-note">
          {someBtc(p?.btcPaid) && (
            <p className="due">
              Paid, now invalid: <Money sale={sale} btc={p.btcPaid} testId="paid" />
            </p>
          )}
          <p>
            BTCPay marked this payment invalid (for example a double spend). Do not hand over the
            goods.
          </p>
        </div>
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

/** Paid, due and the difference, the sale's currency first. */
function Overpaid({ sale }: { sale: SaleView }) {
  const p = sale.payment
  if (!someBtc(p?.btcPaid)) return <p className="due">The customer paid more than due.</p>
  const paidMinor = btcToMinor(p.btcPaid, p.rate, sale.currency)
  const over = paidMinor !== null ? paidMinor - sale.amountMinor : null
  return (
    <>
      <p className="due">
        Paid: <Money sale={sale} btc={p.btcPaid} testId="paid" />
      </p>
      <p>
        Due: {formatMinor(sale.amountMinor, sale.currency)}
        {someBtc(p.btcPrice) ? ` · ${p.btcPrice} BTC` : ''}
      </p>
      {over !== null && over > 0 && (
        <p className="due" data-testid="overpaid-by">
          Overpaid by {formatMinor(over, sale.currency)}
        </p>
      )}
    </>
  )
}
