/**
 * Exact arithmetic on plain decimal text ("0.00012345", "64250.5") as BTCPay sends amounts and
 * rates: scaled BigInts, never floats, so no satoshi or cent is lost on the way.
 */

const DECIMAL = /^(\d+)(?:\.(\d+))?$/

function scaled(text: string): { units: bigint; scale: number } {
  const m = DECIMAL.exec(text)
  if (!m) throw new RangeError(`not a plain decimal: ${text}`)
  const fraction = m[2] ?? ''
  return { units: BigInt(`${m[1]}${fraction}`), scale: fraction.length }
}

function toText(units: bigint, scale: number): string {
  if (scale === 0) return units.toString()
  const digits = units.toString().padStart(scale + 1, '0')
  const fraction = digits.slice(-scale).replace(/0+$/, '')
  return fraction === '' ? digits.slice(0, -scale) : `${digits.slice(0, -scale)}.${fraction}`
}

/** The exact sum, without trailing zeros: ["0.0001", "0.00025"] → "0.00035". */
export function sumDecimals(values: readonly string[]): string {
  const parts = values.map(scaled)
  const scale = Math.max(0, ...parts.map((p) => p.scale))
  const total = parts.reduce((sum, p) => sum + p.units * 10n ** BigInt(scale - p.scale), 0n)
  return toText(total, scale)
}

/**
 * a × b in minor units of a currency with `digits` decimals, rounded half up (how much fiat a
 * BTC amount was worth at a rate). Throws past the exact integer range.
 */
export function productToMinor(a: string, b: string, digits: number): number {
  const x = scaled(a)
  const y = scaled(b)
  const scale = x.scale + y.scale
  let units = x.units * y.units
  if (scale > digits) {
    const divisor = 10n ** BigInt(scale - digits)
    units = (units + divisor / 2n) / divisor
  } else units *= 10n ** BigInt(digits - scale)
  const minor = Number(units)
  if (!Number.isSafeInteger(minor)) throw new RangeError('amount exceeds the exact integer range')
  return minor
}
