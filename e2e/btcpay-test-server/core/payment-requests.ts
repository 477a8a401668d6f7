// Payment-request accounting as BTCPay does it: PaymentRequestService.UpdatePaymentRequestStateIfNeeded
// (the stored status), InvoiceRepository.GetContributionsByPaymentMethodId (what the request's
// invoices contributed) and ViewPaymentRequestViewModel.InvoiceList.GetReusableInvoice.
import type { Invoice } from './invoices'
import { satsToFiatMinor } from './money'
import { divisibilityOf, toUnits } from './money'

export type PaymentRequestStatus = 'Pending' | 'Processing' | 'Completed' | 'Expired'

export interface PaymentRequest {
  id: string
  storeId: string
  amount: string
  currency: string
  title: string
  description: string | null
  email: string | null
  /** Unix seconds or null. */
  expiryDate: number | null
  referenceId: string | null
  allowCustomPaymentAmounts: boolean
  formId: string | null
  formResponse: Record<string, unknown> | null
  createdAt: number
  archived: boolean
  /** Stored, as in BTCPay: Expired and Completed are never recomputed. */
  status: PaymentRequestStatus
}

/** An invoice's contribution in its own currency's minor units. */
interface Contribution {
  settled: bigint
  processing: bigint
}

const toInvoiceMinor = (inv: Invoice, sats: bigint): bigint => {
  if (inv.currency === 'BTC' || inv.currency === 'SATS') return sats
  const div = divisibilityOf(inv.currency) ?? 2
  // A payment of exactly what was due is worth exactly the price (the sats were rounded up).
  if (inv.type === 'Standard' && sats === inv.dueSats) return inv.priceMinor
  return satsToFiatMinor(sats, div, inv.rate)
}

/**
 * GetContributionsByPaymentMethodId with softcap: a manually settled invoice without payments
 * counts its price, a manually invalidated one nothing; otherwise the accounted payments received
 * before the invoice expired (or any, once marked settled), whatever the invoice's status: a
 * partly paid New or Expired invoice counts.
 */
function contribution(inv: Invoice): Contribution {
  const marked = inv.exceptionStatus === 'Marked'
  const accounted = inv.payments.filter((p) => p.status !== 'Invalid')
  if (marked && inv.status === 'Settled' && accounted.length === 0)
    return { settled: inv.priceMinor, processing: 0n }
  if (marked && inv.status === 'Invalid') return { settled: 0n, processing: 0n }
  const counted = accounted.filter((p) => p.receivedAt <= inv.expiresAt || marked)
  const sum = (status: string): bigint =>
    counted.filter((p) => p.status === status).reduce((s, p) => s + p.sats, 0n)
  const settledSats = sum('Settled')
  const total = toInvoiceMinor(inv, settledSats + sum('Processing'))
  const settled = toInvoiceMinor(inv, settledSats)
  return { settled, processing: total - settled }
}

/** Totals over the request's invoices in its currency (others do not count, as in BTCPay). */
export function contributions(
  pr: PaymentRequest,
  invoices: readonly Invoice[],
): { settled: bigint; total: bigint } {
  let settled = 0n
  let total = 0n
  for (const inv of invoices) {
    if (inv.currency !== pr.currency) continue
    const c = contribution(inv)
    settled += c.settled
    total += c.settled + c.processing
  }
  return { settled, total }
}

export const amountMinor = (pr: PaymentRequest): bigint =>
  toUnits(pr.amount, divisibilityOf(pr.currency) ?? 2)

/** Amount due (AmountDue): the amount minus every counted payment, unconfirmed ones included. */
export const amountDueMinor = (pr: PaymentRequest, invoices: readonly Invoice[]): bigint =>
  amountMinor(pr) - contributions(pr, invoices).total

/** UpdatePaymentRequestStateIfNeeded: the status the request moves to now. */
export function nextStatus(
  pr: PaymentRequest,
  invoices: readonly Invoice[],
  now: number,
): PaymentRequestStatus {
  const expirable =
    (pr.status === 'Pending' || pr.status === 'Processing') && pr.expiryDate !== null
  let status: PaymentRequestStatus = pr.status
  if (expirable && pr.expiryDate !== null && pr.expiryDate * 1000 <= now) status = 'Expired'
  else if (pr.status === 'Expired' && pr.expiryDate === null) status = 'Pending'
  if (status === 'Expired' || status === 'Completed') return status
  const paid = contributions(pr, invoices)
  const amount = amountMinor(pr)
  if (paid.settled >= amount) return 'Completed'
  if (paid.total >= amount) return 'Processing'
  return 'Pending'
}

/**
 * GetReusableInvoice: the first invoice (newest first) that is New and unpaid or partly paid,
 * and, when the payer asked for an amount, priced at exactly that amount.
 */
export function reusableInvoice(
  invoices: readonly Invoice[],
  requestedMinor: bigint | null,
): Invoice | undefined {
  return invoices
    .filter((i) => requestedMinor === null || i.priceMinor === requestedMinor)
    .find(
      (i) =>
        i.status === 'New' && (i.exceptionStatus === 'None' || i.exceptionStatus === 'PaidPartial'),
    )
}
