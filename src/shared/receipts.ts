import { z } from 'zod'

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

/** An automatic print's outcome, for the cashier's screen (with a retry when not printed). */
export const receiptPrintedSchema = z.strictObject({
  saleId: z.string(),
  outcome: printOutcomeSchema,
})
