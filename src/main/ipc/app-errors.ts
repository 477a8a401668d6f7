import { AppError, explained } from '../../shared/ipc/result'
import { say, type Sentence } from '../../shared/ipc/sentence'
import type { AmountRefusal } from '../../shared/money'

/** Failures several services throw alike, each with its sentence for the renderer. */

export const notInJournal = (): AppError =>
  explained('not-found', say('sale.not-in-journal'), 'That sale is not in this terminal’s journal.')

/** An amount refused by `parseAmount`: the refusal itself travels, so the till words it. */
export const amountRefused = (
  check: { refusal: AmountRefusal; message: string },
  field?: string,
): AppError => explained('bad-input', say('amount.refused', check.refusal), check.message, field)

/** What a caught failure tells the renderer: its sentences, else its code's words. */
export const wordsOf = (err: unknown): Sentence[] =>
  err instanceof AppError
    ? (err.words ?? [say('failed', { code: err.code })])
    : [say('failed', { code: 'internal' })]
