import type { SaleView } from '../../shared/sale'
import { ERROR_MESSAGES, type BtcpayErrorCode } from '../btcpay/errors'
import { errorCodeOf } from '../btcpay/to-app-error'
import type { Sale } from '../journal/sale'
import type { PaymentLinks } from './payment-links'
import { salePhaseOf } from './sale-phase'

/**
 * What main knows of a sale beyond the journal, while it is followed: the invoice's payment
 * links, why the server cannot be reached (the client's error code), and its watcher.
 */
export type LiveSale = {
  links: PaymentLinks | null
  trouble: BtcpayErrorCode | null
  watcher: { stop(): void } | null
}

/**
 * A journal sale as the renderer sees it. Payment details stay for every outcome (what was paid, at
 * which rate), so the cashier's screen can say it in the sale's currency; never for a sale that
 * no invoice or money reached.
 */
export function saleViewOf(sale: Sale, live: LiveSale | undefined): SaleView {
  const phase = salePhaseOf(sale)
  const known = phase !== 'abandoned' && phase !== 'not-created'
  return {
    id: sale.id,
    orderId: sale.orderId,
    createdAt: sale.createdAt,
    amountMinor: sale.amountMinor,
    currency: sale.currency,
    description: sale.description,
    phase,
    invoiceId: sale.invoiceId,
    checkoutLink: sale.checkoutLink,
    expiresAt: sale.expiresAt,
    cancelledAt: sale.cancelledAt,
    paymentRequestId: sale.paymentRequestId,
    payment: known ? (live?.links ?? null) : null,
    trouble: live?.trouble ? ERROR_MESSAGES[live.trouble] : null,
    ...(live?.trouble && { troubleCode: errorCodeOf(live.trouble) }),
    ...(sale.cart ? { cart: sale.cart } : {}),
  }
}
