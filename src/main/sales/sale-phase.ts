import type { SalePhase } from '../../shared/sale'
import type { ExceptionStatus, SaleStatus } from '../journal/sale'
import { phaseOf } from '../payments/payment-status'

/**
 * The cashier's phase for a sale as the journal records it: the terminal's own states, or the
 * invoice's (BTCPay's legacy status and exceptionStatus, mapped by the payments table).
 */
export function salePhaseOf(status: SaleStatus, exception: ExceptionStatus): SalePhase {
  switch (status) {
    case 'creating':
    case 'abandoned':
    case 'not-created':
      return status
    default:
      return phaseOf(status, exception)
  }
}
