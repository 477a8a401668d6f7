import { MAX_MINOR, parseAmount } from '../../shared/money'
import type { Sale } from '../journal/sale'

/**
 * The History search: a sale matches when the query is its amount (as a cashier would type it,
 * "12.5" finds 12.50 in that sale's currency) or appears in its order id, description or invoice
 * id, ignoring case.
 */
export function saleSearch(query: string): (sale: Sale) => boolean {
  const needle = query.trim().toLocaleLowerCase()
  const amounts = new Map<string, number | null>()
  const amountIn = (currency: string) => {
    let minor = amounts.get(currency)
    if (minor === undefined) {
      const parsed = parseAmount(needle, currency, MAX_MINOR)
      minor = parsed.ok ? parsed.minor : null
      amounts.set(currency, minor)
    }
    return minor
  }
  const has = (text: string | null) => text !== null && text.toLocaleLowerCase().includes(needle)
  return (sale) =>
    amountIn(sale.currency) === sale.amountMinor ||
    has(sale.orderId) ||
    has(sale.description) ||
    has(sale.invoiceId)
}
