import { z } from 'zod'
import { sentencesSchema } from './ipc/sentence'

/**
 * Voids and refunds of a sale as the renderer sees them. A void marks an unpaid sale's invoice
 * invalid at BTCPay; a refund is a pull payment the customer claims from a QR code. Amounts are
 * decimal text as BTCPay sent them (lossless) plus the fiat value in integer minor units that the
 * day's totals subtract.
 */

export const refundVariants = [
  'RateThen',
  'CurrentRate',
  'Fiat',
  'OverpaidAmount',
  'Custom',
] as const
export type RefundVariant = (typeof refundVariants)[number]

export const refundStates = [
  'requested', // written before the request: after a crash, looked up at BTCPay before any retry
  'issued', // BTCPay made the pull payment; the customer has not claimed it yet
  'claimed', // the customer claimed it; the payout is not paid yet
  'paid', // the payout is paid
  'failed', // BTCPay refused or never got it: nothing was issued
  'voided', // (void) the invoice is invalid at BTCPay
  'stays-payable', // (void) not voided at BTCPay: the invoice stays payable until it expires
] as const
export type RefundState = (typeof refundStates)[number]

export const refundViewSchema = z.strictObject({
  id: z.string(),
  saleId: z.string(),
  kind: z.enum(['void', 'refund']),
  createdAt: z.number(),
  state: z.enum(refundStates),
  variant: z.enum(refundVariants).nullable(),
  /** What the pull payment pays, as BTCPay wrote it ("0.00025" BTC, "12.50" USD). */
  amount: z.string().nullable(),
  amountCurrency: z.string().nullable(),
  /** The sale currency's value of it, subtracted in the day's totals. */
  fiatMinor: z.int().nonnegative(),
  currency: z.string(),
  /** The customer's claim page (the QR code). */
  claimLink: z.string().nullable(),
  /** LNURL-withdraw, for a Lightning wallet to claim in one scan, where BTCPay offers it. */
  lnurl: z.string().nullable(),
  /** A manager must still approve the payout in BTCPay. */
  needsApproval: z.boolean(),
  /** What happened, in English (logs, older tills). */
  note: z.string().nullable(),
  /** The same as sentences the till words in its language; absent on entries older than them. */
  noteWords: sentencesSchema.optional(),
})
export type RefundView = z.infer<typeof refundViewSchema>

export const refundOptionSchema = z.strictObject({
  variant: z.enum(refundVariants),
  amount: z.string().nullable(),
  amountCurrency: z.string(),
  fiatMinor: z.int().nonnegative().nullable(),
})
export type RefundOption = z.infer<typeof refundOptionSchema>

export const refundOptionsSchema = z.strictObject({
  saleId: z.string(),
  /** Null when the sale can be refunded, else why not, in English (logs). */
  refused: z.string().nullable(),
  /** The same as sentences the till words in its language. */
  refusedWords: sentencesSchema.nullable(),
  options: z.array(refundOptionSchema),
  /** The sale's currency and how much was paid in it (minor units), the most a partial refund takes. */
  currency: z.string(),
  paidMinor: z.int().nonnegative(),
})
export type RefundOptions = z.infer<typeof refundOptionsSchema>

const saleIdSchema = z.string().min(1).max(64)
const decimalInput = z
  .string()
  .max(20)
  .regex(/^\d{1,12}([.,]\d{1,8})?$/, 'a number such as 12.50')

export const refundInputSchema = z.strictObject({
  saleId: saleIdSchema,
  variant: z.enum(refundVariants),
  /** Custom only: decimal text in the sale's currency. */
  customAmount: decimalInput.optional(),
  /** Percentage kept as a fee, 0-100. */
  keepPercent: decimalInput.optional(),
})
export type RefundInput = z.infer<typeof refundInputSchema>

export const saleRefundsSchema = z.strictObject({ refunds: z.array(refundViewSchema) })
