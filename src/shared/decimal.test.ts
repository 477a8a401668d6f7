import { describe, expect, it } from 'vitest'
import { productToMinor, sumDecimals } from './decimal'

describe('sumDecimals', () => {
  it('adds BTC amounts exactly where floats would not', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3')
    expect(sumDecimals(['0.00012345', '0.00000001', '1'])).toBe('1.00012346')
    expect(sumDecimals(['5'])).toBe('5')
    expect(sumDecimals([])).toBe('0')
  })
  it('refuses text that is not a plain decimal', () => {
    expect(() => sumDecimals(['1e-8'])).toThrow(/not a plain decimal/)
    expect(() => sumDecimals(['-1'])).toThrow(/not a plain decimal/)
  })
})

describe('productToMinor', () => {
  it('values a BTC amount at a rate in minor units, rounding half up', () => {
    // 0.00006536 BTC at 64250.5 USD/BTC = 4.19941268 USD
    expect(productToMinor('0.00006536', '64250.5', 2)).toBe(420)
    expect(productToMinor('0.0001', '50000', 2)).toBe(500)
    // 0.005 rounds up to one cent, 0.00499 down to none
    expect(productToMinor('0.0001', '50', 2)).toBe(1)
    expect(productToMinor('0.0001', '49.9', 2)).toBe(0)
  })
  it('keeps zero- and three-digit currencies exact', () => {
    expect(productToMinor('0.0002', '9876543', 0)).toBe(1975)
    expect(productToMinor('0.001', '25000.125', 3)).toBe(25000)
  })
  it('throws past the exact integer range', () => {
    expect(() => productToMinor('99999999999', '99999999999', 2)).toThrow(RangeError)
  })
})
