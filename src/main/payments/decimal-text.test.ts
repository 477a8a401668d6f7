import { describe, expect, it } from 'vitest'
import { decimalSign, subtractDecimal } from './decimal-text'

describe('decimal text', () => {
  it('subtracts exactly at the larger scale', () => {
    expect(subtractDecimal('0.00025', '0.000125')).toBe('0.000125')
    expect(subtractDecimal('0.3', '0.1')).toBe('0.2')
    expect(subtractDecimal('1', '0.00000001')).toBe('0.99999999')
    expect(subtractDecimal('0.0001', '0.00011')).toBe('-0.00001')
    expect(subtractDecimal('5', '5')).toBe('0')
    expect(subtractDecimal('x', '1')).toBeNull()
  })

  it('tells the sign', () => {
    expect(decimalSign('0.000')).toBe(0)
    expect(decimalSign('-0.1')).toBe(-1)
    expect(decimalSign('0.00000001')).toBe(1)
    expect(decimalSign('1e3')).toBeNull()
  })
})
