import type { SalePhase } from '../../shared/sale'
import type { Sale } from '../journal/sale'
import { phaseOf } from '../payments/payment-status'

/**
 * The cashier's phase of a sale as the journal records it; the one place it is worked out.
 * The terminal's own states come first, then the invoice's (BTCPay's legacy status and
 * exceptionStatus, mapped by the table in payment-status.ts). A cancelled sale reads as
 * 'abandoned' only while nothing was paid: its invoice stays payable at BTCPay, and money that
 * arrives after the cancel shows as what it is (partial, paid, …) with `cancelledAt` set.
 */
export function salePhaseOf(
  sale: Pick<Sale, 'status' | 'exceptionStatus' | 'cancelledAt'>,
): SalePhase {
  switch (sale.status) {
    case 'creating':
      return sale.cancelledAt === null ? 'creating' : 'abandoned'
    case 'abandoned':
    case 'not-created':
      return sale.status
    default: {
      const phase = phaseOf(sale.status, sale.exceptionStatus)
      const unpaid = phase === 'waiting' || phase === 'expired'
      return sale.cancelledAt !== null && unpaid ? 'abandoned' : phase
    }
  }
}
