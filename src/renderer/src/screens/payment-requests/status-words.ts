import type { PaymentRequestStatus } from '../../../../shared/payment-request'

/** BTCPay's request statuses in the cashier's words. */
export const statusWords: Record<PaymentRequestStatus, string> = {
  Pending: 'Pending',
  Processing: 'Paid, confirming',
  Completed: 'Completed',
  Expired: 'Expired',
}
