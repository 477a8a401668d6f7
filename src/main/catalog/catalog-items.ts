import type { CatalogItem } from '../../shared/catalog'
import { minorDigits } from '../../shared/money'
import type { PosApp, PosAppItem } from '../btcpay/greenfield-models'

const PRICE_TYPES = { Fixed: 'fixed', Minimum: 'minimum', Topup: 'custom' } as const

/**
 * A BTCPay decimal as exact minor units of a currency with `digits` decimals, or null when it is
 * negative, too large or finer than the currency ("3.50" → 350; "3.505" in USD → null).
 */
export function decimalToMinor(text: string, digits: number): number | null {
  const m = /^(\d{1,15})(?:\.(\d+))?$/.exec(text)
  if (!m) return null
  const fraction = (m[2] ?? '').replace(/0+$/, '')
  if (fraction.length > digits) return null
  const minor = Number(m[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0')
  return Number.isSafeInteger(minor) && minor <= 1e15 ? minor : null
}

/**
 * The items a cashier may sell, from a PoS app: disabled ones left out, prices in minor units of
 * the app's currency. An item whose price this till cannot hold exactly is left out (and named to
 * the caller) rather than rounded.
 */
export function catalogItemsOf(
  app: PosApp,
  extras: { imageOf: (item: PosAppItem) => string | null; barcodesOf: (id: string) => string[] },
): { items: CatalogItem[]; skipped: string[] } {
  const digits = minorDigits(app.currency.toUpperCase())
  const items: CatalogItem[] = []
  const skipped: string[] = []
  for (const item of app.items) {
    if (item.disabled) continue
    const priceType = PRICE_TYPES[item.priceType]
    let priceMinor: number | null = null
    if (priceType !== 'custom') {
      priceMinor = item.price === null ? null : decimalToMinor(item.price, digits)
      if (priceMinor === null) {
        skipped.push(item.id)
        continue
      }
    }
    items.push({
      id: item.id,
      title: item.title || item.id,
      description: item.description || null,
      category: item.categories[0] ?? null,
      priceType,
      priceMinor,
      image: extras.imageOf(item),
      inventory: item.inventory,
      barcodes: extras.barcodesOf(item.id),
    })
  }
  return { items, skipped }
}
