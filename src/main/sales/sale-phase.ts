import type { SalePhase } from '../../shared/sale'
import type { ExceptionStatus, SaleStatus } from '../journal/sale'

/**
 * The cashier's phase for a sale as the journal records it (BTCPay's legacy status plus its
 * exceptionStatus, btcpay-protocol.md 1.12), or the terminal's own states.
 */
export function phaseOf(status: SaleStatus, exception: ExceptionStatus): SalePhase {
  switch (status) {
    case 'creating':
      return 'creating'
    case 'abandoned':
      return 'abandoned'
    case 'not-created':
      return 'not-created'
    case 'invalid':
      return 'invalid'
    case 'new':
      return exception === 'paidPartial' ? 'partial' : 'waiting'
    case 'paid':
      return exception === 'paidOver' ? 'overpaid' : exception === 'paidLate' ? 'paid-late' : 'paid'
    case 'complete':
      return exception === 'paidOver'
        ? 'overpaid'
        : exception === 'paidLate'
          ? 'paid-late'
          : 'settled'
    case 'expired':
      return exception === 'paidLate' ? 'paid-late' : 'expired'
  }
}
