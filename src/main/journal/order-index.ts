/**
 * Sales by orderId. Order ids are `${terminalId}-${sequence}`, so most are found through an
 * integer-keyed map by their sequence (much cheaper to fill at start than a map of strings);
 * any other order id goes to a plain map. A hit is always checked against the full order id.
 */
import type { Sale } from './sale'

export interface OrderIndex {
  get(orderId: string): Sale | undefined
  /** false (and nothing added) if the order id is already taken. */
  add(sale: Sale): boolean
  /** Takes back an add (a sale whose line could not be written). */
  remove(sale: Sale): void
}

export function createOrderIndex(): OrderIndex {
  const bySequence = new Map<number, Sale>()
  const others = new Map<string, Sale>()

  function get(orderId: string): Sale | undefined {
    const dash = orderId.lastIndexOf('-')
    if (dash >= 0) {
      const n = Number(orderId.slice(dash + 1))
      if (Number.isSafeInteger(n)) {
        const s = bySequence.get(n)
        if (s !== undefined && s.orderId === orderId) return s
      }
    }
    return others.get(orderId)
  }

  return {
    get,
    add(sale) {
      if (!bySequence.has(sale.sequence) && endsWithSequence(sale)) {
        // An equal order id would sit under the same sequence, or among the others.
        if (others.size > 0 && others.has(sale.orderId)) return false
        bySequence.set(sale.sequence, sale)
        return true
      }
      if (get(sale.orderId) !== undefined) return false
      others.set(sale.orderId, sale)
      return true
    },
    remove(sale) {
      if (bySequence.get(sale.sequence) === sale) bySequence.delete(sale.sequence)
      else if (others.get(sale.orderId) === sale) others.delete(sale.orderId)
    },
  }
}

function endsWithSequence(s: Sale): boolean {
  const suffix = String(s.sequence)
  const at = s.orderId.length - suffix.length
  return at > 0 && s.orderId.charCodeAt(at - 1) === 45 /* - */ && s.orderId.endsWith(suffix)
}
