import type { GreenfieldInvoice, InvoicePaymentMethod } from '../btcpay/greenfield-models'
import type { LegacyInvoice } from '../btcpay/legacy-models'

const STATUS: Record<GreenfieldInvoice['status'], LegacyInvoice['status']> = {
  New: 'new',
  Processing: 'paid',
  Settled: 'complete',
  Expired: 'expired',
  Invalid: 'invalid',
}

/** Greenfield `additionalStatus` → the legacy `exceptionStatus` (BTCPay's own InvoiceExceptionStatus). */
const EXCEPTION: Record<string, string> = {
  PaidPartial: 'paidPartial',
  PaidOver: 'paidOver',
  PaidLate: 'paidLater',
  Marked: 'marked',
}

/** The link each payment method's `paymentLink` is, as the legacy invoice names it. */
const LINK_NAME: Record<string, string> = { 'BTC-CHAIN': 'BIP21', 'BTC-LN': 'BOLT11' }

/**
 * A Greenfield invoice and its payment methods in the legacy invoice's shape, the one the till's
 * phase table and payment links read (BTCPay builds both answers from the same InvoiceEntity:
 * Processing is legacy `paid`, Settled is `complete`, `additionalStatus` is `exceptionStatus`).
 * BTC amounts stay the server's decimal text; times become ms.
 */
export function tillInvoiceOf(
  invoice: GreenfieldInvoice,
  methods: readonly InvoicePaymentMethod[],
): LegacyInvoice {
  const linkOf = (m: InvoicePaymentMethod) => {
    const name = LINK_NAME[m.paymentMethodId]
    return name && m.paymentLink ? { [name]: m.paymentLink } : null
  }
  const onChain = methods.find((m) => m.paymentMethodId === 'BTC-CHAIN') ?? methods[0]
  const text = (key: string) => {
    const v = invoice.metadata[key]
    if (v === undefined || v === null) return null
    return typeof v === 'string' ? v : JSON.stringify(v)
  }
  return {
    id: invoice.id,
    url: invoice.checkoutLink,
    status: STATUS[invoice.status],
    exceptionStatus: EXCEPTION[invoice.additionalStatus] ?? null,
    price: invoice.amount,
    currency: invoice.currency,
    orderId: text('orderId'),
    itemDesc: text('itemDesc'),
    itemCode: text('itemCode'),
    posData: text('posData'),
    invoiceTime: invoice.createdTime * 1000,
    expirationTime: invoice.expirationTime * 1000,
    btcPrice: onChain?.amount ?? null,
    btcDue: onChain?.due ?? null,
    btcPaid: onChain?.totalPaid ?? null,
    rate: onChain?.rate ?? null,
    paymentUrls: Object.assign({}, ...methods.map(linkOf)) as Record<string, string>,
    cryptoInfo: methods.map((m) => ({
      cryptoCode: m.currency,
      paymentType: m.paymentMethodId,
      address: m.destination,
      due: m.due,
      totalDue: m.amount,
      paymentUrls: linkOf(m),
      rate: m.rate,
      cryptoPaid: m.paymentMethodPaid,
    })),
  }
}
