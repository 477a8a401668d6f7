/**
 * How a locale writes an amount in a currency, read from Intl so no locale table is kept here:
 * its decimal and group separators (fr-CH writes CHF with "." but plain numbers with ","), its
 * digits (ar-EG uses Arabic-Indic ones) and its grouping (en-US 1,234,567; hi-IN 12,34,567).
 */
export type AmountSymbols = {
  decimal: string
  group: string
  /** The locale's own digits, index = value ('0'…'9' for Latin ones). */
  digits: readonly string[]
  /** Digits in the last group before the decimal separator (3) and in the groups before it (3, or 2 for lakh grouping). */
  primary: number
  secondary: number
  /** A grouped example in this locale ("1,234,567"), for messages. */
  example: string
}

type PartsFormat = Intl.NumberFormat & { formatToParts(value: string): Intl.NumberFormatPart[] }

const cache = new Map<string, AmountSymbols>()

export function amountSymbols(currency: string, locale?: string): AmountSymbols {
  const cacheKey = `${currency} ${locale ?? ''}`
  const known = cache.get(cacheKey)
  if (known) return known
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }) as PartsFormat
  const parts = format.formatToParts('1234567890.5')
  const groups = parts.filter((p) => p.type === 'integer').map((p) => p.value.length)
  const primary = groups.at(-1) ?? 3
  // 1234567890 comes out as the locale's digits for 1…9 then 0.
  const digits = [...new Intl.NumberFormat(locale, { useGrouping: false }).format(1234567890)]
  const symbols: AmountSymbols = {
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
    digits: [digits.at(-1) ?? '0', ...digits.slice(0, -1)],
    primary,
    secondary: groups.length > 2 ? (groups.at(-2) ?? primary) : primary,
    example: new Intl.NumberFormat(locale, { useGrouping: true }).format(1234567),
  }
  cache.set(cacheKey, symbols)
  return symbols
}
