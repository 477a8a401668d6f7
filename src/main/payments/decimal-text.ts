/**
 * Exact arithmetic on decimal amounts kept as text ("0.00025", "-0.0001"), as the legacy API sends
 * them. BigInt with a common scale; never a float.
 */
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/

interface Scaled {
  units: bigint
  scale: number
}

function parse(text: string): Scaled | null {
  const m = DECIMAL.exec(text.trim())
  if (!m) return null
  const fraction = m[3] ?? ''
  const units = BigInt(`${m[2] ?? '0'}${fraction}`)
  return { units: m[1] === '-' ? -units : units, scale: fraction.length }
}

function rescale(v: Scaled, scale: number): bigint {
  return v.units * 10n ** BigInt(scale - v.scale)
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0')
  const whole = digits.slice(0, digits.length - scale)
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : ''
  return `${negative ? '-' : ''}${whole}${fraction}`
}

/** Sign of a decimal text: -1, 0 or 1; null when it is not a decimal. */
export function decimalSign(text: string): -1 | 0 | 1 | null {
  const v = parse(text)
  if (!v) return null
  return v.units === 0n ? 0 : v.units < 0n ? -1 : 1
}

/** `a - b`, exact, with the larger of the two scales ("0.00025" - "0.000125" = "0.000125"). */
export function subtractDecimal(a: string, b: string): string | null {
  const x = parse(a)
  const y = parse(b)
  if (!x || !y) return null
  const scale = Math.max(x.scale, y.scale)
  return format(rescale(x, scale) - rescale(y, scale), scale)
}
