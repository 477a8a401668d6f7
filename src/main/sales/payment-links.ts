import type { LegacyInvoice } from '../btcpay/legacy-models'

export type PaymentLinks = {
  bip21: string | null
  bolt11: string | null
  btcPrice: string | null
  btcDue: string | null
  btcPaid: string | null
  rate: string | null
}

export const isLightning = (paymentType: string) => /lightning|ln/i.test(paymentType)

/**
 * The links a customer's wallet can pay, from a legacy invoice: the on-chain BIP21 URI and, when
 * the store offers Lightning, the BOLT11 link (see btcpay-protocol.md 1.8, paymentUrls and
 * cryptoInfo[].paymentUrls).
 */
export function paymentLinksOf(invoice: LegacyInvoice): PaymentLinks {
  const onChain = invoice.cryptoInfo.find((c) => !isLightning(c.paymentType))
  const lightning = invoice.cryptoInfo.find((c) => isLightning(c.paymentType))
  const bolt11 = lightning?.paymentUrls?.['BOLT11'] ?? invoice.paymentUrls?.['BOLT11'] ?? null
  return {
    bip21: invoice.paymentUrls?.['BIP21'] ?? onChain?.paymentUrls?.['BIP21'] ?? null,
    bolt11,
    btcPrice: invoice.btcPrice,
    btcDue: invoice.btcDue,
    btcPaid: invoice.btcPaid,
    rate: invoice.rate,
  }
}
