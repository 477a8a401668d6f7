/**
 * Sales by orderId. Order ids are `${terminalId}-${sequence}`, so most are found by their
 * sequence in an array: a terminal's sequences are dense, so filling it at start is a store per
 * sale, two to three times cheaper than a Map of numbers, let alone of strings (V8 keeps a sparse
 * one as a dictionary by itself). Any other order id goes to a plain map. A hit is always checked
 * against the full order id.
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
  const bySequence: (Sale | undefined)[] = []
  const others = new Map<string, Sale>()

  function get(orderId: string): Sale | undefined {
    const dash = orderId.lastIndexOf('-')
    if (dash >= 0) {
      const n = Number(orderId.slice(dash + 1))
      if (Number.isSafeInteger(n)) {
        const s = bySequence[n]
        if (s !== undefined && s.orderId === orderId) return s
      }
    }
    return others.get(orderId)
  }

  return {
    get,
    add(sale) {
      if (bySequence[sale.sequence] === undefined && endsWithSequence(sale)) {
        // An equal order id would sit under the same sequence, or among the others.
        if (others.size > 0 && others.has(sale.orderId)) return false
        bySequence[sale.sequence] = sale
        return true
      }
      if (get(sale.orderId) !== undefined) return false
      others.set(sale.orderId, sale)
      return true
    },
    remove(sale) {
      if (bySequence[sale.sequence] === sale) bySequence[sale.sequence] = undefined
      else if (others.get(sale.orderId) === sale) others.delete(sale.orderId)
    },
  }
}

/** Whether the order id ends in `-` and the sequence's digits, read without building a string. */
function endsWithSequence(s: Sale): boolean {
  const id = s.orderId
  let n = s.sequence
  let i = id.length - 1
  do {
    if (i < 1 || id.charCodeAt(i) !== 48 + (n % 10)) return false
    n = Math.floor(n / 10)
    i--
  } while (n > 0)
  return id.charCodeAt(i) === 45 /* - */
}
