import { AppError, explained } from '../../shared/ipc/result'
import { say } from '../../shared/ipc/sentence'
import type { ChargeVia } from '../../shared/settings'
import type { GreenfieldClient } from '../btcpay/greenfield-client'
import type { LegacyClient } from '../btcpay/legacy-client'
import type { LegacyInvoice } from '../btcpay/legacy-models'
import type { PosCartData } from '../catalog/price-cart'
import { NO_API_KEY } from '../payment-requests/payment-requests'
import { tillInvoiceOf } from './greenfield-invoice'

/** What the till sends BTCPay for one sale. */
export interface ChargeOrder {
  /** Decimal text in `currency`, e.g. "12.50". */
  price: string
  currency: string
  orderId: string
  description: string | null
  /** The item of a one-item cart sale, as BTCPay's own Point of Sale names it. */
  itemCode: string | null
  /** Who sold it, plus the cart in BTCPay's PoS shape when the sale came from one. */
  posData: {
    terminal: string
    terminalId: string | null
    cashier: string | null
  } & Partial<PosCartData>
  /**
   * A counter payment on this payment request: its invoice comes from the request's `/pay`
   * (Greenfield only), for `price` (a part, or the whole amount due).
   */
  paymentRequestId?: string | null
}

/**
 * The three things the cashier asks BTCPay about its invoices, through whichever API the manager
 * chose (settings `chargeVia`). An invoice comes back in the legacy invoice's shape either way:
 * the phase table (payments/payment-status.ts) and the payment links read that one shape. BTCPay
 * keeps one invoice store behind both APIs, so an invoice made through one is found and followed
 * through the other after the manager switches.
 */
export interface InvoiceApi {
  readonly via: ChargeVia
  /** The server's base URL; the status websocket lives there. */
  readonly baseUrl: string
  /**
   * The invoice of one sale. The request is built (for BitId, signed) at once and leaves once
   * `sendAfter` resolves, never if it rejects: the cashier prepares it while the sale's journal
   * line is being written. Never retried automatically.
   */
  createInvoice(order: ChargeOrder, sendAfter: Promise<unknown>): Promise<LegacyInvoice>
  getInvoice(invoiceId: string): Promise<LegacyInvoice>
  /** The invoice BTCPay holds for this orderId, if any (reconciliation after a doubt). */
  findInvoice(orderId: string): Promise<LegacyInvoice | undefined>
}

/** BitId-signed legacy invoices (`POST /invoices`). */
export function legacyInvoiceApi(client: LegacyClient): InvoiceApi {
  return {
    via: 'legacy',
    baseUrl: client.baseUrl,
    createInvoice: (order, sendAfter) =>
      client.createInvoice(
        {
          price: order.price,
          currency: order.currency,
          orderId: order.orderId,
          ...(order.description ? { itemDesc: order.description } : {}),
          ...(order.itemCode ? { itemCode: order.itemCode } : {}),
          posData: JSON.stringify(order.posData),
          redirectAutomatically: false,
        },
        { sendAfter },
      ),
    getInvoice: (invoiceId) => client.getInvoice(invoiceId),
    findInvoice: async (orderId) => (await client.listInvoices({ orderId }))[0],
  }
}

/**
 * Greenfield invoices with the terminal's API key (`POST /api/v1/stores/{storeId}/invoices`), for
 * servers whose legacy API is off. The invoice and its payment methods together are the truth
 * (the payment links and BTC amounts live on the payment methods).
 */
export function greenfieldInvoiceApi(client: GreenfieldClient): InvoiceApi {
  const withMethods = async (invoice: Awaited<ReturnType<GreenfieldClient['getInvoice']>>) =>
    tillInvoiceOf(invoice, await client.getInvoicePaymentMethods(invoice.id))
  return {
    via: 'greenfield',
    baseUrl: client.baseUrl,
    createInvoice: async (order, sendAfter) =>
      withMethods(
        order.paymentRequestId
          ? // Invoice reuse: a retry after a timeout or a crash gets the invoice already made.
            await client.payPaymentRequest(
              order.paymentRequestId,
              { amount: order.price, allowPendingInvoiceReuse: true },
              { sendAfter },
            )
          : await client.createInvoice(
              {
                amount: order.price,
                currency: order.currency,
                metadata: {
                  orderId: order.orderId,
                  ...(order.description ? { itemDesc: order.description } : {}),
                  ...(order.itemCode ? { itemCode: order.itemCode } : {}),
                  posData: order.posData,
                },
                checkout: { redirectAutomatically: false },
              },
              { sendAfter },
            ),
      ),
    getInvoice: async (invoiceId) => withMethods(await client.getInvoice(invoiceId)),
    findInvoice: async (orderId) => {
      const [invoice] = await client.listInvoices({ orderId: [orderId] })
      return invoice ? withMethods(invoice) : undefined
    },
  }
}

/**
 * The invoice API of the manager's choice. Throws an AppError the cashier can read when that
 * choice cannot charge now (not paired; no API key).
 */
export function chosenInvoiceApi(o: {
  chargeVia: ChargeVia
  pairedClient: () => LegacyClient
  keyClient: () => GreenfieldClient | null
}): InvoiceApi {
  if (o.chargeVia === 'legacy') return legacyInvoiceApi(o.pairedClient())
  const client = o.keyClient()
  if (!client) {
    throw explained(
      'not-paired',
      say('charge.needs-api-key'),
      'The till charges with the API key (Greenfield), but it has none. A manager must authorize ' +
        'it in Manager › API key, or set the till to charge with BitId again.',
    )
  }
  return greenfieldInvoiceApi(client)
}

/** Payment requests live only in the Greenfield API: their invoices go through the API key. */
export function paymentRequestInvoiceApi(keyClient: () => GreenfieldClient | null): InvoiceApi {
  const client = keyClient()
  if (!client) throw new AppError('unauthorized', NO_API_KEY)
  return greenfieldInvoiceApi(client)
}
