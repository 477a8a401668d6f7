import type { CartInput, CartLine, CatalogView } from '../../shared/catalog'
import { explained, type AppError } from '../../shared/ipc/result'
import { say, type Sentence } from '../../shared/ipc/sentence'
import { minorDigits, minorToDecimal, parseAmount } from '../../shared/money'

export type PricedCart = {
  currency: string
  lines: CartLine[]
  subtotalMinor: number
  tipMinor: number
  totalMinor: number
}

const bad = (words: Sentence, message: string): AppError => explained('bad-input', words, message)

/**
 * Prices a cart against the catalog main holds (the renderer's prices are never trusted): fixed
 * items at their price, minimum items at the typed amount if it reaches the minimum, custom items
 * and keypad lines at the typed amount. Sold-out items are refused. Exact in minor units.
 */
export function priceCart(
  catalog: CatalogView,
  cart: CartInput,
  fallbackCurrency: string,
  maxMinor: number,
): PricedCart {
  const currency = catalog.currency ?? fallbackCurrency
  const lines: CartLine[] = []
  for (const line of cart.lines) {
    /** `title` null: the cashier's custom amount, which the till names in its language. */
    const typed = (title: string | null) => {
      const amount = parseAmount(line.amount ?? '', currency, maxMinor)
      if (!amount.ok)
        throw bad(
          say('cart.line-amount', { title: title ?? '', ...amount.refusal }),
          `${title ?? 'Custom amount'}: ${amount.message}`,
        )
      return amount.minor
    }
    if (line.itemId === null) {
      lines.push({
        itemId: null,
        title: 'Custom amount',
        unitMinor: typed(null),
        quantity: line.quantity,
      })
      continue
    }
    const item = catalog.items.find((i) => i.id === line.itemId)
    if (!item)
      throw bad(
        say('cart.item-gone'),
        'An item in the cart is no longer in the catalog. Remove it and add it again.',
      )
    if (item.inventory !== null && item.inventory < line.quantity) {
      const left = Math.max(item.inventory, 0)
      throw bad(
        say('cart.stock', { title: item.title, left }),
        `${item.title}: only ${left} left in stock.`,
      )
    }
    let unitMinor: number
    if (item.priceType === 'fixed') unitMinor = item.priceMinor ?? 0
    else {
      unitMinor = typed(item.title)
      const minimum = item.priceMinor ?? 0
      if (item.priceType === 'minimum' && unitMinor < minimum) {
        throw bad(
          say('cart.below-minimum', { title: item.title, minimum: { minor: minimum, currency } }),
          `${item.title} costs at least ${minorToDecimal(minimum, minorDigits(currency))}.`,
        )
      }
    }
    lines.push({ itemId: item.id, title: item.title, unitMinor, quantity: line.quantity })
  }
  const subtotalMinor = lines.reduce((sum, l) => sum + l.unitMinor * l.quantity, 0)
  const totalMinor = subtotalMinor + cart.tipMinor
  if (totalMinor <= 0) throw bad(say('cart.total-zero'), 'The cart total must be more than zero.')
  if (totalMinor > maxMinor) {
    throw bad(
      say('amount.refused', { problem: 'overMax', currency, maxMinor }),
      `The most this till can charge is ${minorToDecimal(maxMinor, minorDigits(currency))} ${currency}.`,
    )
  }
  return { currency, lines, subtotalMinor, tipMinor: cart.tipMinor, totalMinor }
}

/** The cart as BTCPay's own Point of Sale writes it into an invoice's posData (PosAppData). */
export type PosCartData = {
  cart: { id: string; title: string; price: string; count: number }[]
  subTotal: string
  tip?: string
  tipPercentage?: number
  total: string
}

/**
 * The invoice fields BTCPay's own Point of Sale sends for a cart (PosAppData: `cart` of AppCartItem
 * {id, title, price, count}, `subTotal`, `tip`, `tipPercentage`, `total`; amounts as decimal text),
 * so BTCPay's app reports count the items. `itemCode` names the item of a one-item sale, as BTCPay
 * does; `itemDesc` lists the lines for the invoice list.
 */
export function cartInvoiceFields(
  priced: PricedCart,
  tipPercent: number | null,
): { itemDesc: string; itemCode?: string; posData: PosCartData } {
  const digits = minorDigits(priced.currency)
  const dec = (minor: number) => minorToDecimal(minor, digits)
  const items = priced.lines.filter((l) => l.itemId !== null)
  const itemDesc = priced.lines
    .map((l) => (l.quantity > 1 ? `${l.quantity} x ${l.title}` : l.title))
    .join(', ')
    .slice(0, 200)
  return {
    itemDesc,
    ...(items.length === 1 && priced.lines.length === 1
      ? { itemCode: items[0]?.itemId ?? '' }
      : {}),
    posData: {
      cart: priced.lines.map((l) => ({
        id: l.itemId ?? 'custom',
        title: l.title,
        price: dec(l.unitMinor),
        count: l.quantity,
      })),
      subTotal: dec(priced.subtotalMinor),
      ...(priced.tipMinor > 0 ? { tip: dec(priced.tipMinor) } : {}),
      ...(tipPercent !== null && priced.tipMinor > 0 ? { tipPercentage: tipPercent } : {}),
      total: dec(priced.totalMinor),
    },
  }
}
