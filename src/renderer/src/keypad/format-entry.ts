import { minorDigits } from '../../../shared/money'
import { amountSymbols } from './amount-symbols'

type StringFormat = Intl.NumberFormat & {
  formatToParts(value: string): Intl.NumberFormatPart[]
}

/**
 * The entry as the customer should read it, formatted by Intl for the currency ("$1,234.5",
 * "1.234,5 €") while showing exactly what was typed: the decimals typed so far, a trailing decimal
 * separator right after it was pressed, and group separators where the cashier typed them (an
 * unfinished "1,0" stays "$1,0", never "$10"). Intl formats the decimal text, never a float.
 */
export function formatEntry(text: string, currency: string, locale?: string): string {
  const digits = minorDigits(currency)
  const [whole = '', fraction] = text.split('.')
  if (whole.includes(',')) return asTyped(text, currency, locale)
  const typedDecimals = Math.min(fraction?.length ?? 0, digits)
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: typedDecimals,
    maximumFractionDigits: typedDecimals,
  }) as StringFormat
  const value = `${whole === '' ? '0' : whole}${typedDecimals > 0 ? `.${fraction}` : ''}`
  const parts = format.formatToParts(value)
  if (fraction === '' && digits > 0) {
    // The cashier just pressed the decimal key: show the separator after the last integer part.
    const last = parts.findLastIndex((p) => p.type === 'integer')
    parts.splice(last + 1, 0, { type: 'decimal', value: decimalSeparator(currency, locale) })
  }
  return parts.map((p) => p.value).join('')
}

/** The typed characters in the locale's digits and separators, inside its currency pattern. */
function asTyped(text: string, currency: string, locale?: string): string {
  const s = amountSymbols(currency, locale)
  const number = [...text]
    .map((c) => (c === ',' ? s.group : c === '.' ? s.decimal : (s.digits[Number(c)] ?? c)))
    .join('')
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    maximumFractionDigits: 0,
  }) as StringFormat
  return format
    .formatToParts('1')
    .map((p) => (p.type === 'integer' ? number : p.value))
    .join('')
}

/** The locale's decimal separator for this currency ("." or ","), for the key label. */
export function decimalSeparator(currency: string, locale?: string): string {
  return amountSymbols(currency, locale).decimal
}
