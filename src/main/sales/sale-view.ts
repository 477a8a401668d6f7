import { reopenablePhases, type SaleView } from '../../shared/sale'
import type { Sale } from '../journal/sale'
import type { PaymentLinks } from './payment-links'
import { salePhaseOf } from './sale-phase'

/**
 * What main knows of a sale beyond the journal, while it is followed: the invoice's payment
 * links, why the server cannot be reached (in words for the cashier), and its watcher.
 */
export type LiveSale = {
  links: PaymentLinks | null
  trouble: string | null
  watcher: { stop(): void } | null
}

/** A journal sale as the renderer sees it; payment links only while the customer can pay. */
export function saleViewOf(sale: Sale, live: LiveSale | undefined): SaleView {
  const phase = salePhaseOf(sale)
  const open = phase === 'creating' || reopenablePhases.includes(phase)
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
    payment: open ? (live?.links ?? null) : null,
    trouble: live?.trouble ?? null,
    ...(sale.cart ? { cart: sale.cart } : {}),
  }
}
