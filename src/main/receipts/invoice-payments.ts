import type { LegacyInvoice } from '../btcpay/legacy-models'
import { isLightning } from '../sales/payment-links'
import type { BitcoinPayment } from './receipt'

const isZero = (decimal: string) => /^-?0*(\.0*)?$/.test(decimal)

/**
 * How the customer paid an invoice, per payment method, as BTCPay accounted it: the coin amount
 * paid through each method (cryptoInfo[].cryptoPaid) and the rate the invoice used.
 */
export function paymentsOf(invoice: LegacyInvoice): BitcoinPayment[] {
  return invoice.cryptoInfo
    .filter((c) => c.cryptoCode === 'BTC' && c.cryptoPaid !== null && !isZero(c.cryptoPaid))
    .map((c) => ({
      method: isLightning(c.paymentType) ? 'lightning' : 'on-chain',
      btc: c.cryptoPaid as string,
      rate: c.rate,
    }))
}
