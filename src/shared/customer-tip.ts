import { z } from 'zod'

/**
 * The tip question a till puts to the customer display, and the only thing that display may ever
 * send back: the customer's answer to it. Money is integer minor units of the sale's currency.
 */

const questionIdSchema = z.string().min(1).max(64)
const minorSchema = z.int().min(0).max(1e15)

/** One of the shop's percentages and what it adds to the subtotal. */
export const tipOptionSchema = z.strictObject({
  percent: z.int().min(1).max(100),
  tipMinor: minorSchema,
})
export type TipOption = z.infer<typeof tipOptionSchema>

/** What the till learns when it asks: the question is on the customer display. */
export const tipQuestionSchema = z.strictObject({
  questionId: questionIdSchema,
  subtotalMinor: minorSchema,
  currency: z.string(),
  options: z.array(tipOptionSchema),
})
export type TipQuestion = z.infer<typeof tipQuestionSchema>

/**
 * The customer display's answer (`customer:choose-tip`): one offered option by its index, no tip,
 * or a tip they typed. Main checks it against the open question; this only gives it a shape.
 */
export const customerTipChoiceSchema = z.strictObject({
  questionId: questionIdSchema,
  choice: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('option'), index: z.int().min(0).max(99) }),
    z.strictObject({ kind: z.literal('none') }),
    z.strictObject({ kind: z.literal('custom'), tipMinor: minorSchema }),
  ]),
})
export type CustomerTipChoice = z.infer<typeof customerTipChoiceSchema>

/** The customer's tip, as main tells the till (`tip:chosen`). */
export const tipChosenSchema = z.strictObject({
  questionId: questionIdSchema,
  tipMinor: minorSchema,
  /** The percentage, when the customer chose one of the shop's. */
  tipPercent: z.int().min(1).max(100).nullable(),
})
export type TipChosen = z.infer<typeof tipChosenSchema>

export const tipQuestionRefSchema = z.strictObject({ questionId: questionIdSchema })
