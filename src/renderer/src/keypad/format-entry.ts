import { minorDigits } from '../../../shared/money'

type StringFormat = Intl.NumberFormat & {
  formatToParts(value: string): Intl.NumberFormatPart[]
}

/**
 * The entry as the customer should read it, formatted by Intl for the currency ("$1,234.5",
 * "1.234,5 €") while showing exactly what was typed: the decimals typed so far, and a trailing
 * decimal separator right after it was pressed. Intl formats the decimal text, never a float.
 */
export function formatEntry(text: string, currency: string, locale?: string): string {
  const digits = minorDigits(currency)
  const [whole = '', fraction] = text.split('.')
  const typedDecimals = Math.min(fraction?.length ?? 0, digits)
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: typedDecimals,
    maximumFractionDigits: Math.max(typedDecimals, 0),
  }) as StringFormat
  const value = `${whole === '' ? '0' : whole}${typedDecimals > 0 ? `.${fraction}` : ''}`
  const parts = format.formatToParts(value)
  if (fraction === '' && digits > 0) {
    // The cashier just pressed the decimal key: show the separator after the last integer part.
    const separator = decimalSeparator(currency, locale)
    let last = -1
    parts.forEach((p, i) => {
      if (p.type === 'integer') last = i
    })
    parts.splice(last + 1, 0, { type: 'decimal', value: separator })
  }
  return parts.map((p) => p.value).join('')
}

/** The locale's decimal separator for this currency ("." or ","), for the key label. */
export function decimalSeparator(currency: string, locale?: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency }) as StringFormat
  return format.formatToParts('1.5').find((p) => p.type === 'decimal')?.value ?? '.'
}
