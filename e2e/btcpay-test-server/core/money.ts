// Exact decimal arithmetic for money. Amounts are held as BigInt in minor units (cents, sats) or as
// decimal strings; a float never touches an amount.

/** Divisibility as in BTCPay's currency table (subset the test server knows). */
export const DIVISIBILITY: Readonly<Record<string, number>> = {
  BTC: 8,
  SATS: 0,
  USD: 2,
  EUR: 2,
  GBP: 2,
  CHF: 2,
  CAD: 2,
  AUD: 2,
  JPY: 0,
}

export const SATS_PER_BTC = 100_000_000n

export const divisibilityOf = (currency: string): number | undefined => DIVISIBILITY[currency]

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/

/** A canonical decimal string from a JSON number or string; null if it is not a plain decimal. */
export function toDecimalString(value: unknown): string | null {
  let text: string
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null
    text = String(value)
    // JSON numbers such as 1e-7 come back in exponent form: expand them exactly.
    const exp = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text)
    if (exp) text = expandExponent(exp[1] ?? '', exp[2] ?? '0', exp[3] ?? '', Number(exp[4]))
  } else if (typeof value === 'string') {
    text = value.trim()
  } else {
    return null
  }
  return DECIMAL.test(text) ? text : null
}

function expandExponent(sign: string, int: string, frac: string, exp: number): string {
  const digits = int + frac
  const point = int.length + exp
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length)
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`
}

/** Number of digits after the point in a decimal string. */
export function scaleOf(decimal: string): number {
  return DECIMAL.exec(decimal)?.[3]?.length ?? 0
}

/**
 * Decimal string -> integer units at `scale` digits, rounding half to even (C#'s Math.Round
 * default, which BTCPay uses when it rounds prices to the currency's divisibility).
 */
export function toUnits(decimal: string, scale: number): bigint {
  const m = DECIMAL.exec(decimal)
  if (!m) throw new Error(`not a decimal: ${decimal}`)
  const negative = m[1] === '-'
  const frac = m[3] ?? ''
  const kept = BigInt((m[2] ?? '0') + frac.slice(0, scale).padEnd(scale, '0'))
  const rest = frac.slice(scale)
  let units = kept
  if (/[1-9]/.test(rest)) {
    const first = Number(rest[0])
    const tail = /[1-9]/.test(rest.slice(1))
    if (first > 5 || (first === 5 && tail) || (first === 5 && !tail && kept % 2n === 1n))
      units += 1n
  }
  return negative ? -units : units
}

/** Integer units -> decimal string with exactly `scale` fraction digits. */
export function formatUnits(units: bigint, scale: number): string {
  const negative = units < 0n
  const abs = (negative ? -units : units).toString().padStart(scale + 1, '0')
  const int = abs.slice(0, abs.length - scale)
  const frac = abs.slice(abs.length - scale)
  return (negative ? '-' : '') + (scale > 0 ? `${int}.${frac}` : int)
}

/** Like formatUnits but without trailing fraction zeros ("0.00025", "0"). */
export function formatUnitsTrimmed(units: bigint, scale: number): string {
  const text = formatUnits(units, scale)
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text
}

/** Division of non-negative BigInts rounding up. */
export const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b

/** Division of non-negative BigInts rounding half to even. */
export function roundDiv(a: bigint, b: bigint): bigint {
  const q = a / b
  const r2 = (a % b) * 2n
  if (r2 > b || (r2 === b && q % 2n === 1n)) return q + 1n
  return q
}

/** An exchange rate (fiat per BTC) as a ratio of integers: rateUnits / 10^rateScale. */
export interface Rate {
  readonly decimal: string
  readonly units: bigint
  readonly scale: number
}

export function parseRate(decimal: string): Rate {
  const scale = scaleOf(decimal)
  const units = toUnits(decimal, scale)
  if (units <= 0n) throw new Error(`rate must be positive: ${decimal}`)
  return { decimal, units, scale }
}

/** Fiat minor units -> sats at `rate`, rounded up to the next satoshi. */
export function fiatMinorToSats(minor: bigint, divisibility: number, rate: Rate): bigint {
  const num = minor * SATS_PER_BTC * 10n ** BigInt(rate.scale)
  const den = 10n ** BigInt(divisibility) * rate.units
  return ceilDiv(num, den)
}

/** Sats -> fiat minor units at `rate`, rounded half to even. */
export function satsToFiatMinor(sats: bigint, divisibility: number, rate: Rate): bigint {
  const num = sats * 10n ** BigInt(divisibility) * rate.units
  const den = SATS_PER_BTC * 10n ** BigInt(rate.scale)
  return roundDiv(num, den)
}

/** Newtonsoft writes a C# decimal as a JSON number that always has a fraction part ("12.0"). */
export const newtonsoftDecimal = (decimal: string): string =>
  decimal.includes('.') ? decimal : `${decimal}.0`
