import type { PrintProblem } from '../../../shared/receipts'
import type { TranslationKey } from '../i18n'

/**
 * Why a receipt or report was not printed, in the screen's words: main sends the problem as a
 * stable code beside its English sentence, so every language can say it.
 */
export const printProblemWords: Record<PrintProblem, TranslationKey> = {
  'not-configured': 'print.notConfigured',
  unreachable: 'print.unreachable',
  'no-answer': 'print.noAnswer',
  'out-of-paper': 'print.outOfPaper',
  'no-permission': 'print.noPermission',
  failed: 'print.failed',
}
