import { z } from 'zod'
import type { RefundView } from './refund'
import { saleRefSchema } from './sale'

export const printProblems = [
  'not-configured',
  'unreachable',
  'no-answer',
  'out-of-paper',
  'no-permission',
  'failed',
] as const
export type PrintProblem = (typeof printProblems)[number]

/** What became of a print job; `message` is the cashier's sentence ("Receipt not printed: …"). */
export const printOutcomeSchema = z.discriminatedUnion('printed', [
  z.strictObject({ printed: z.literal(true) }),
  z.strictObject({
    printed: z.literal(false),
    problem: z.enum(printProblems),
    message: z.string(),
  }),
])
export type PrintOutcome = z.infer<typeof printOutcomeSchema>

/** A receipt as the screen shows it: the same document the printer gets. */
export const receiptPreviewSchema = z.strictObject({ text: z.string(), svg: z.string() })

/**
 * Which receipt: a paid sale's, or with `refundId` the slip of one of its voids or refunds (the
 * id of the entry in `refund:changed`).
 */
export const receiptRefSchema = saleRefSchema.extend({
  refundId: z.string().min(1).max(64).optional(),
})
export type ReceiptRef = z.infer<typeof receiptRefSchema>

/** A void has a slip once BTCPay voided the invoice; a refund once BTCPay issued it. */
export const hasSlip = (r: Pick<RefundView, 'kind' | 'state'>): boolean =>
  r.kind === 'void'
    ? r.state === 'voided'
    : r.state === 'issued' || r.state === 'claimed' || r.state === 'paid'

/** An automatic print's outcome, for the cashier's screen (with a retry when not printed). */
export const receiptPrintedSchema = z.strictObject({
  saleId: z.string(),
  /** Set for a void or refund slip. */
  refundId: z.string().nullable(),
  outcome: printOutcomeSchema,
})
