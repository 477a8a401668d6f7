import type { SaleCart } from '../../shared/catalog'

/**
 * A sale as the journal keeps it. Amounts are integer minor units of `currency` (ISO 4217
 * exponent: USD cents, JPY yen, BHD fils), never fractional numbers.
 */

export const saleStatuses = [
  'creating', // written, invoice request not yet known to have succeeded
  'new', // invoice exists, awaiting payment
  'paid', // paid, awaiting confirmation
  'complete', // settled
  'expired',
  'invalid',
  'abandoned', // cancelled before cancelledAt existed: read from older journals, never written
  'not-created', // reconciliation found no invoice for it
] as const
export type SaleStatus = (typeof saleStatuses)[number]

export const exceptionStatuses = ['none', 'paidPartial', 'paidOver', 'paidLate', 'marked'] as const
export type ExceptionStatus = (typeof exceptionStatuses)[number]

export interface Sale {
  /** Local id (crypto.randomUUID()). */
  id: string
  /** Unique per terminal: `${terminalId}-${sequence}`, sent to BTCPay as the invoice's orderId. */
  orderId: string
  sequence: number
  /** ms since the epoch. */
  createdAt: number
  updatedAt: number
  /** Integer minor units, > 0. */
  amountMinor: number
  /** ISO 4217 code, upper case. */
  currency: string
  description: string | null
  cashier: string | null
  invoiceId: string | null
  status: SaleStatus
  exceptionStatus: ExceptionStatus
  checkoutLink: string | null
  expiresAt: number | null
  /**
   * When the cashier cancelled the sale (ms since epoch), else null. The invoice stays payable at
   * BTCPay, so `status` keeps following it: money arriving after a cancel must still be seen.
   */
  cancelledAt: number | null
  /** The items and tip when the sale was rung up from a cart; null for a keypad amount. */
  cart: SaleCart | null
  /**
   * Set when this sale is a counter payment of a BTCPay payment request: its invoice comes from
   * the request's `/pay`, so it is counted here once and never as a second sale.
   */
  paymentRequestId: string | null
  /** Per-sale revision: 1 when recorded, +1 on every change that was written. */
  rev: number
}

/** What `record` takes: the journal sets `rev` (1) and `updatedAt` itself; no cart means none. */
export type NewSale = Omit<Sale, 'rev' | 'updatedAt' | 'cart' | 'paymentRequestId'> & {
  cart?: SaleCart | null
} & Partial<Pick<Sale, 'paymentRequestId'>>

/** The fields `update` may change. */
export const patchableFields = [
  'invoiceId',
  'status',
  'exceptionStatus',
  'checkoutLink',
  'expiresAt',
  'cancelledAt',
] as const
export type PatchableField = (typeof patchableFields)[number]
export type SalePatch = Partial<Pick<Sale, PatchableField>>

export function isSaleStatus(value: unknown): value is SaleStatus {
  return typeof value === 'string' && (saleStatuses as readonly string[]).includes(value)
}

export function isExceptionStatus(value: unknown): value is ExceptionStatus {
  return typeof value === 'string' && (exceptionStatuses as readonly string[]).includes(value)
}

export function isUnfinished(status: SaleStatus): boolean {
  return status === 'creating' || status === 'new' || status === 'paid'
}

/** Settled in the day's totals: complete, or paid after it expired (BTCPay counts paid late as paid). */
export const isSettled = (s: Pick<Sale, 'status' | 'exceptionStatus'>): boolean =>
  s.status === 'complete' || (s.status === 'expired' && s.exceptionStatus === 'paidLate')

/** What `totals()` counts: settled, or paid and awaiting confirmation. */
export const countsInTotals = (s: Pick<Sale, 'status' | 'exceptionStatus'>): boolean =>
  isSettled(s) || s.status === 'paid'
