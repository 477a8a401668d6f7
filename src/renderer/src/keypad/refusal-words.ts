import type { TFunction } from 'i18next'
import { formatMinor } from '../../../shared/money'
import type { KeypadRefusal } from './keypad'

/** A refused amount or key in the screen's language; numbers and money through Intl in `locale`. */
export function refusalWords(refusal: KeypadRefusal, t: TFunction, locale: string): string {
  switch (refusal.problem) {
    case 'empty':
      return t('amount.empty')
    case 'negative':
      return t('amount.negative')
    case 'notAnAmount':
      return t('amount.notAnAmount')
    case 'decimals':
      return refusal.digits === 0
        ? t('amount.noDecimals', { currency: refusal.currency })
        : t('amount.atMostDecimals', { currency: refusal.currency, count: refusal.digits })
    case 'tooLarge':
      return t('amount.tooLarge')
    case 'zero':
      return t('amount.zero')
    case 'overMax':
      return t('amount.overMax', {
        amount: formatMinor(refusal.maxMinor, refusal.currency, locale),
      })
    case 'tooLong':
      return t('amount.tooLong')
    case 'secondDecimal':
      return t('amount.secondDecimal')
    case 'grouping':
      return t('amount.grouping', { group: refusal.group, example: refusal.example })
    case 'notPartOfAmount':
      return t('amount.notPartOfAmount', { char: refusal.char, decimal: refusal.decimal })
    case 'nothingToPaste':
      return t('amount.nothingToPaste')
  }
}
