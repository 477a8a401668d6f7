// The legacy (BitPay-compatible) invoice JSON: InvoiceEntity.EntityToDTO in BTCPay 2.x.
import { randomUUID } from 'node:crypto'
import { randomBase58 } from '../core/encoding'
import { RawNumber } from '../core/http'
import type { Invoice } from '../core/invoices'
import { LEGACY_EXCEPTION, LEGACY_STATUS } from '../core/invoices'
import { newtonsoftDecimal } from '../core/money'
import { accounting, btc, paymentLink } from '../core/payment-links'

const meta = (inv: Invoice, key: string): string | null => {
  const v = inv.metadata[key]
  return typeof v === 'string' ? v : null
}

const withSlash = (url: string): string => (url.endsWith('/') ? url : url + '/')

/** The `<paymentCode>` key: "BTC" for on-chain, the payment-method id otherwise. */
const paymentCode = (method: string): string => (method === 'BTC-CHAIN' ? 'BTC' : method)

interface PaymentUrls {
  BIP21: string | null
  BIP72: null
  BIP72b: null
  BIP73: null
  BOLT11: string | null
}

export function legacyInvoice(inv: Invoice, now: number): Record<string, unknown> {
  const server = withSlash(inv.serverUrl)
  const rate = new RawNumber(newtonsoftDecimal(inv.rate.decimal))
  // Reproduces BTCPay: the exRates dictionary is filled before the rate is assigned -> 0.
  const zeroRates = { [inv.currency]: new RawNumber('0.0') }
  const cryptoInfo: Record<string, unknown>[] = []
  const addresses: Record<string, string> = {}
  const paymentCodes: Record<string, PaymentUrls> = {}
  const paymentSubtotals: Record<string, RawNumber> = {}
  const paymentTotals: Record<string, RawNumber> = {}
  const onChain: Record<string, unknown> = {}
  for (const prompt of inv.prompts) {
    const acc = accounting(inv, prompt)
    const urls: PaymentUrls = {
      BIP21: prompt.method === 'BTC-CHAIN' ? paymentLink(inv, prompt) : null,
      BIP72: null,
      BIP72b: null,
      BIP73: null,
      BOLT11: prompt.method === 'BTC-LN' ? paymentLink(inv, prompt) : null,
    }
    const info = {
      cryptoCode: 'BTC',
      paymentType: prompt.method,
      rate,
      exRates: zeroRates,
      paid: btc(acc.paid),
      price: btc(acc.totalDue - acc.networkFee),
      due: btc(acc.due),
      paymentUrls: urls,
      address: prompt.destination,
      // Reproduces BTCPay's swapped segments (the real route is /i/{invoiceId}/{paymentMethodId}).
      url: `${server}i/${prompt.method}/${inv.id}`,
      totalDue: btc(acc.totalDue),
      networkFee: btc(acc.networkFee),
      txCount: acc.txCount,
      cryptoPaid: btc(acc.paidHere),
      payments: inv.payments
        .filter((p) => p.method === prompt.method)
        .map((p) => ({
          id: p.id,
          receivedDate: new Date(p.receivedAt).toISOString(),
          value: new RawNumber(btc(p.sats)),
          fee: new RawNumber('0.0'),
          paymentType: p.method,
          confirmed: p.status === 'Settled',
          completed: p.status === 'Settled',
          destination: p.destination,
        })),
    }
    cryptoInfo.push(info)
    const code = paymentCode(prompt.method)
    paymentCodes[code] = urls
    addresses[code] = prompt.destination
    paymentSubtotals[code] = new RawNumber(acc.totalDue.toString())
    paymentTotals[code] = new RawNumber(acc.totalDue.toString())
    if (prompt.method === 'BTC-CHAIN') {
      Object.assign(onChain, {
        btcPrice: info.price,
        rate,
        exRates: zeroRates,
        bitcoinAddress: prompt.destination,
        btcPaid: info.paid,
        btcDue: info.due,
        paymentUrls: urls,
      })
    }
  }
  const taxIncluded = inv.metadata['taxIncluded']
  const data: Record<string, unknown> = {
    url: `${server}invoice?id=${inv.id}`,
    posData: inv.posDataLegacy ?? legacyPosData(inv),
    status: LEGACY_STATUS[inv.status],
    price: inv.price === null ? null : new RawNumber(newtonsoftDecimal(inv.price)),
    currency: inv.currency,
    itemDesc: meta(inv, 'itemDesc'),
    orderId: meta(inv, 'orderId'),
    invoiceTime: inv.createdAt,
    expirationTime: inv.expiresAt,
    currentTime: now,
    id: inv.id,
    lowFeeDetected: false,
    amountPaid: 0,
    exceptionStatus: LEGACY_EXCEPTION[inv.exceptionStatus],
    refundAddressRequestPending: false,
    buyerPaidBtcMinerFee: null,
    buyerTotalBtcAmount: null,
    buyer: {
      name: meta(inv, 'buyerName'),
      address1: meta(inv, 'buyerAddress1'),
      address2: meta(inv, 'buyerAddress2'),
      locality: meta(inv, 'buyerCity'),
      region: meta(inv, 'buyerState'),
      postalCode: meta(inv, 'buyerZip'),
      country: meta(inv, 'buyerCountry'),
      phone: meta(inv, 'buyerPhone'),
      email: meta(inv, 'buyerEmail'),
    },
    cryptoInfo,
    paymentSubtotals,
    paymentTotals,
    exchangeRates: { BTC: zeroRates },
    supportedTransactionCurrencies: { BTC: { enabled: true, reason: null } },
    addresses,
    paymentCodes,
    minerFees: { BTC: { satoshisPerByte: new RawNumber('1.0'), totalFee: 0 } },
    itemCode: meta(inv, 'itemCode'),
    guid: randomUUID(),
    token: randomBase58(16),
    flags: null,
    ...onChain,
  }
  if (typeof taxIncluded === 'number' && taxIncluded !== 0) {
    data['taxIncluded'] = new RawNumber(newtonsoftDecimal(String(taxIncluded)))
  }
  return data
}

/** posData set through Greenfield (an object) comes back re-serialized, pretty-printed. */
function legacyPosData(inv: Invoice): string | null {
  const v = inv.metadata['posData']
  if (v === undefined || v === null) return null
  return typeof v === 'string' ? v : JSON.stringify(v, null, 2)
}
