import { minorDigits } from '../../../shared/money'

/** Nonzero decimal text ("0.0001" yes, "0" and "0.00000000" no), without parsing it to a number. */
export const someBtc = (text: string | null | undefined): text is string =>
  typeof text === 'string' && /[1-9]/.test(text)

const decimal = (text: string) => {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text)
  return m ? { units: BigInt(`${m[1]}${m[2] ?? ''}`), scale: (m[2] ?? '').length } : null
}

/**
 * A BTC amount in the sale's currency at the rate BTCPay fixed for the invoice, in minor units
 * rounded half up, as BTCPay's own checkout shows it. Exact (BigInt on the decimal texts), never
 * a float; null when the amount or the rate is missing or not a plain decimal.
 */
export function btcToMinor(
  btc: string | null | undefined,
  rate: string | null | undefined,
  currency: string,
): number | null {
  const a = btc ? decimal(btc) : null
  const r = rate ? decimal(rate) : null
  if (!a || !r) return null
  const product = a.units * r.units
  const drop = a.scale + r.scale - minorDigits(currency)
  const minor =
    drop <= 0
      ? product * 10n ** BigInt(-drop)
      : (product + 5n * 10n ** BigInt(drop - 1)) / 10n ** BigInt(drop)
  return minor <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(minor) : null
}
