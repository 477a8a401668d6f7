/**
 * Money as integer minor units, never a float. The number of minor digits comes from ISO 4217 as
 * Intl knows it (USD 2, JPY 0, BHD 3). Amounts travel as decimal text or integer minor units.
 */

const digitsCache = new Map<string, number>()

export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency)
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    digitsCache.set(currency, digits)
  }
  return digits
}

/** Largest amount this code accepts, in minor units: safely below 2^53 whatever the digits. */
export const MAX_MINOR = 1e15

/** Exact decimal text for integer minor units: (1250, 2) → "12.50", (500, 0) → "500". */
export function minorToDecimal(minor: number, digits: number): string {
  if (!Number.isSafeInteger(minor))
    throw new RangeError('amount must be a whole number of minor units')
  const sign = minor < 0 ? '-' : ''
  const text = String(Math.abs(minor)).padStart(digits + 1, '0')
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`
}

/**
 * Why an amount is refused, as a code with its values: the till puts it into the shop's language,
 * main into English for its own errors and logs (`inEnglish`).
 */
export type AmountRefusal =
  | { problem: 'empty' }
  | { problem: 'negative' }
  | { problem: 'notAnAmount' }
  | { problem: 'decimals'; currency: string; digits: number }
  | { problem: 'tooLarge' }
  | { problem: 'zero' }
  | { problem: 'overMax'; currency: string; maxMinor: number }

/** `message` is the refusal in English, for main's errors and logs; screens word `refusal`. */
export type AmountCheck =
  { ok: true; minor: number } | { ok: false; refusal: AmountRefusal; message: string }

const refuse = (refusal: AmountRefusal): AmountCheck => ({
  ok: false,
  refusal,
  message: inEnglish(refusal),
})

export function inEnglish(refusal: AmountRefusal): string {
  switch (refusal.problem) {
    case 'empty':
      return 'Enter an amount.'
    case 'negative':
      return 'The amount cannot be negative.'
    case 'notAnAmount':
      return 'That is not an amount. Use digits and one decimal point.'
    case 'decimals':
      return refusal.digits === 0
        ? `${refusal.currency} has no decimals.`
        : `${refusal.currency} has at most ${refusal.digits} decimal${refusal.digits === 1 ? '' : 's'}.`
    case 'tooLarge':
      return 'That amount is too large.'
    case 'zero':
      return 'The amount must be more than zero.'
    case 'overMax':
      return `The most this till can charge is ${formatMinor(refusal.maxMinor, refusal.currency)}.`
  }
}

/**
 * Reads an amount as a cashier typed or pasted it ("12.5", "12,50", " 7 "). Refuses what must not
 * become a request: empty, zero, negative, more decimals than the currency has, over the maximum,
 * or anything that is not a plain number.
 */
export function parseAmount(text: string, currency: string, maxMinor: number): AmountCheck {
  const digits = minorDigits(currency)
  const trimmed = text.trim()
  if (trimmed === '') return refuse({ problem: 'empty' })
  if (trimmed.startsWith('-')) return refuse({ problem: 'negative' })
  const m = /^(\d{1,15})(?:[.,](\d*))?$/.exec(trimmed)
  if (!m) return refuse({ problem: 'notAnAmount' })
  const whole = m[1] ?? '0'
  const fraction = m[2] ?? ''
  if (fraction.length > digits) return refuse({ problem: 'decimals', currency, digits })
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0')
  if (!Number.isSafeInteger(minor) || minor > MAX_MINOR) return refuse({ problem: 'tooLarge' })
  if (minor === 0) return refuse({ problem: 'zero' })
  if (minor > maxMinor) return refuse({ problem: 'overMax', currency, maxMinor })
  return { ok: true, minor }
}

/** Localised display of minor units, exact (Intl formats the decimal string, not a float). */
export function formatMinor(minor: number, currency: string, locale?: string): string {
  const digits = minorDigits(currency)
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }) as Intl.NumberFormat & { format(value: string): string }
  return format.format(minorToDecimal(minor, digits))
}
