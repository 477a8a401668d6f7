import { explained, type AppError } from '../../shared/ipc/result'
import { say } from '../../shared/ipc/sentence'
import type { AmountRefusal } from '../../shared/money'

/** Failures several services throw alike, each with its sentence for the renderer. */

export const notInJournal = (): AppError =>
  explained('not-found', say('sale.not-in-journal'), 'That sale is not in this terminal’s journal.')

/** An amount refused by `parseAmount`: the refusal itself travels, so the till words it. */
export const amountRefused = (
  check: { refusal: AmountRefusal; message: string },
  field?: string,
): AppError => explained('bad-input', say('amount.refused', check.refusal), check.message, field)
