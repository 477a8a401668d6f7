import { describe, expect, it } from 'vitest'
import { createOrderIndex } from './order-index'
import type { Sale } from './sale'

const sale = (orderId: string, sequence: number) => ({ id: orderId, orderId, sequence }) as Sale

describe('order index', () => {
  it('finds order ids that end in their sequence and any others, and refuses duplicates', () => {
    const index = createOrderIndex()
    const plain = sale('TILL-1', 1)
    const odd = sale('TILL-05', 5)
    const custom = sale('legacy order 9', 9)
    const mismatched = sale('A-7', 8)
    for (const s of [plain, odd, custom, mismatched]) expect(index.add(s)).toBe(true)
    expect(index.get('TILL-1')).toBe(plain)
    expect(index.get('TILL-05')).toBe(odd)
    expect(index.get('legacy order 9')).toBe(custom)
    expect(index.get('A-7')).toBe(mismatched)
    expect(index.get('B-1')).toBeUndefined()
    expect(index.add(sale('B-1', 1))).toBe(true) // same sequence, other order id
    expect(index.get('B-1')?.orderId).toBe('B-1')
    expect(index.add(sale('TILL-1', 1))).toBe(false)
    expect(index.add(sale('A-7', 7))).toBe(false) // taken by the mismatched one
    expect(index.add(sale('TILL-05', 50))).toBe(false)
  })
})
