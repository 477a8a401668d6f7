import type { TFunction } from 'i18next'
import type { KeptOfLine } from '../../../../shared/sale'

/** What the journal kept of a damaged line, in the manager's language. */
export function keptWords(kept: KeptOfLine, t: TFunction, locale: string): string {
  switch (kept.kind) {
    case 'rebuilt':
      return t('journal.kept.rebuilt', { orderId: kept.orderId })
    case 'change-asked-again':
      return t('journal.kept.changeAskedAgain')
    case 'illegible':
      return t('journal.kept.illegible')
    case 'copy':
      return t('journal.kept.copy', { saleId: kept.saleId ?? '?' })
    case 'lost': {
      const found = [
        kept.invoiceId !== null && t('journal.kept.invoice', { invoiceId: kept.invoiceId }),
        kept.status !== null && t('journal.kept.status', { status: kept.status }),
      ].filter((words) => words !== false)
      return found.length === 0
        ? t('journal.kept.lostNothing', { saleId: kept.saleId })
        : t('journal.kept.lost', {
            saleId: kept.saleId,
            found: new Intl.ListFormat(locale, { type: 'unit' }).format(found),
          })
    }
  }
}
