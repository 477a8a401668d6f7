import type { TFunction } from 'i18next'
import { formatMinor } from '../../../../shared/money'
import type { RefundOption, RefundOptions } from '../../../../shared/refund'

/**
 * One of BTCPay's refunds for the manager: fiat first, then the bitcoin amount as BTCPay wrote it
 * (exact decimal text with its unit).
 */
export function optionWords(
  option: RefundOption,
  options: Pick<RefundOptions, 'currency' | 'paidMinor'>,
  t: TFunction,
  locale: string,
): string {
  const paid = formatMinor(options.paidMinor, options.currency, locale)
  const bitcoin = `${option.amount ?? ''} ${option.amountCurrency}`
  switch (option.variant) {
    case 'Fiat':
      return t('refundOption.fiat', { currency: options.currency, amount: paid })
    case 'RateThen':
      return t('refundOption.rateThen', { bitcoin })
    case 'CurrentRate':
      return t('refundOption.currentRate', { amount: paid, bitcoin })
    case 'OverpaidAmount':
      return t('refundOption.overpaid', { bitcoin })
    case 'Custom':
      return t('refundOption.custom', { currency: options.currency, amount: paid })
  }
}
