/**
 * What a receipt says, independent of how it is printed or shown. One union member per kind of
 * receipt; a new kind adds a member here and a body in receipt-document.ts, and everything downstream (text, SVG, ESC/POS, StarPRNT) follows.
 * Amounts are integer minor units; bitcoin amounts and rates stay the decimal text BTCPay sent.
 */
import type { ReportRow } from '../../shared/shifts'

export type PaymentMethod = 'on-chain' | 'lightning'

export interface Money {
  minor: number
  /** ISO 4217 code. */
  currency: string
}

/** One way the customer paid, as BTCPay accounted it. */
export interface BitcoinPayment {
  method: PaymentMethod
  /** BTC paid through this method, exact decimal text ("0.00025"). */
  btc: string
  /** The fiat price of one BTC BTCPay used for the invoice, exact decimal text ("50000.0"). */
  rate: string | null
}

/** Printed on every receipt. */
export interface ReceiptHeader {
  shopName: string
  terminal: string
  /** When the thing the receipt proves happened (ms since the epoch). */
  at: number
  footer: string
  /** BCP 47 tag for dates and amounts; null: the system's. */
  locale: string | null
  /** IANA zone for the date; null: the system's. */
  timeZone: string | null
  /** A reprint: marked as a copy so it cannot pass for a second sale. */
  copy: boolean
}

/** The outcomes of a sale a receipt is printed for. */
export type PaidOutcome = 'paid' | 'settled' | 'overpaid' | 'paid-late'

export interface SaleReceipt {
  kind: 'sale'
  header: ReceiptHeader
  orderId: string
  description: string | null
  /** The lines of a sale rung up from a cart, each priced for its quantity; empty for the keypad. */
  items: { title: string; quantity: number; amount: Money }[]
  /** The customer's tip, a line of its own; null when there was none. */
  tip: Money | null
  amount: Money
  outcome: PaidOutcome
  payments: BitcoinPayment[]
  invoiceId: string
  /** Link encoded in the QR code: the invoice (its receipt page) at BTCPay. */
  link: string | null
}

/** A payment toward a BTCPay payment request (issue: payment requests). */
export interface RequestPaymentReceipt {
  kind: 'request-payment'
  header: ReceiptHeader
  requestId: string
  title: string
  paid: Money
  /** Still due on the request after this payment; null when BTCPay could not be asked. */
  remaining: Money | null
  payments: BitcoinPayment[]
  invoiceId: string
  link: string | null
}

/** A sale the cashier cancelled before it was paid, whose invoice BTCPay then voided. */
export interface VoidReceipt {
  kind: 'void'
  header: ReceiptHeader
  orderId: string
  description: string | null
  amount: Money
  invoiceId: string | null
}

/** Money given back for a sale: the customer claims it through the link (a BTCPay pull payment). */
export interface RefundReceipt {
  kind: 'refund'
  header: ReceiptHeader
  orderId: string
  invoiceId: string
  /** The refund's value in the sale's currency, as the day's totals subtract it. */
  refunded: Money
  /** What BTCPay pays out, exact decimal text in the pull payment's currency ("0.00025" BTC). */
  payout: { amount: string; currency: string } | null
  /** BTCPay's pull-payment page where the customer claims the refund; printed as a QR code. */
  claimLink: string
}

/** An X-report (a shift still open) or a Z-report (a closed shift, a day, a range) on paper. */
export interface ShiftReportReceipt {
  kind: 'shift-report'
  header: ReceiptHeader
  title: 'X-REPORT' | 'Z-REPORT'
  /** The shift's cashier; null for a report of a day or a range. */
  shiftCashier: string | null
  from: number
  to: number
  /** The report's rows as computed (shifts/report.ts): till and cashiers, all methods and each. */
  rows: ReportRow[]
}

export type Receipt =
  SaleReceipt | RequestPaymentReceipt | VoidReceipt | RefundReceipt | ShiftReportReceipt
export type ReceiptKind = Receipt['kind']
