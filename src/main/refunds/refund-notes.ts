import { AppError, type ErrorCode } from '../../shared/ipc/result'
import { say, type Sentence, type SentenceId } from '../../shared/ipc/sentence'

/**
 * A note or refusal of the refund desk, twice: English `text` (logs, and the `note` older tills
 * show) and `words`, the sentences the renderer words in the till's language.
 */
export type Said = { text: string; words: Sentence[] }

/** A ledger entry's note from what was said. */
export const asNote = (said: Said) => ({ note: said.text, noteWords: said.words })

/** A note of one sentence without values. */
export const noted = (id: SentenceId, text: string) => asNote({ text, words: [say(id)] })

/** A refusal as the failure the renderer receives. */
export const saidError = (code: ErrorCode, said: Said): AppError =>
  new AppError(code, said.text, undefined, undefined, said.words)
