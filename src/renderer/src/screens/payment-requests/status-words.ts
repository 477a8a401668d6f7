import type {
  PaymentRequestStatus,
  requestInvoiceStatuses,
} from '../../../../shared/payment-request'

/** BTCPay's request statuses: the keys of the cashier's words for them. */
export const statusWords = {
  Pending: 'requests.statusPending',
  Processing: 'requests.statusProcessing',
  Completed: 'requests.statusCompleted',
  Expired: 'requests.statusExpired',
} as const satisfies Record<PaymentRequestStatus, string>

/** A request's invoice statuses (Greenfield): keys of their words. */
export const invoiceStatusWords = {
  New: 'requests.invoiceNew',
  Processing: 'requests.invoiceProcessing',
  Settled: 'requests.invoiceSettled',
  Expired: 'requests.invoiceExpired',
  Invalid: 'requests.invoiceInvalid',
} as const satisfies Record<(typeof requestInvoiceStatuses)[number], string>

/** BTCPay's `additionalStatus` of an invoice; `None` and unknown ones say nothing more. */
export const additionalStatusWords: Partial<
  Record<
    string,
    | 'requests.invoicePaidPartial'
    | 'requests.invoicePaidOver'
    | 'requests.invoicePaidLate'
    | 'requests.invoiceMarked'
    | 'requests.invoiceInvalid'
  >
> = {
  PaidPartial: 'requests.invoicePaidPartial',
  PaidOver: 'requests.invoicePaidOver',
  PaidLate: 'requests.invoicePaidLate',
  Marked: 'requests.invoiceMarked',
  Invalid: 'requests.invoiceInvalid',
}
