import { describe, expect, it } from 'vitest'
import { formatMinor, minorDigits, minorToDecimal, parseAmount } from './money'

describe('minor units from ISO 4217', () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['BHD', 3],
    ['KWD', 3],
  ])('%s has %i', (currency, digits) => expect(minorDigits(currency)).toBe(digits))
})

describe('minorToDecimal', () => {
  it.each([
    [1250, 2, '12.50'],
    [5, 2, '0.05'],
    [0, 2, '0.00'],
    [500, 0, '500'],
    [1, 3, '0.001'],
    [123456789012345, 2, '1234567890123.45'],
    [-705, 2, '-7.05'],
  ])('%i with %i digits is %s', (minor, digits, text) =>
    expect(minorToDecimal(minor, digits)).toBe(text),
  )

  it('refuses a fractional number of minor units', () => {
    expect(() => minorToDecimal(12.5, 2)).toThrow()
  })
})

describe('parseAmount', () => {
  const max = 1_000_000
  it.each([
    ['12.5', 'USD', 1250],
    ['12,50', 'EUR', 1250],
    [' 7 ', 'USD', 700],
    ['0.01', 'USD', 1],
    ['1500', 'JPY', 1500],
    ['1.234', 'BHD', 1234],
    ['0.1', 'USD', 10],
    ['19.99', 'USD', 1999],
  ])('%s %s → %i minor', (text, currency, minor) => {
    expect(parseAmount(text, currency, max)).toEqual({ ok: true, minor })
  })

  it('adds exactly, with no float rounding', () => {
    // 0.1 + 0.2 in floats is 0.30000000000000004; here 10 + 20 cents.
    const a = parseAmount('0.1', 'USD', max)
    const b = parseAmount('0.2', 'USD', max)
    expect(a.ok && b.ok && a.minor + b.minor).toBe(30)
  })

  it.each([
    ['', 'USD', /Enter an amount/],
    ['0', 'USD', /more than zero/],
    ['0.00', 'USD', /more than zero/],
    ['-5', 'USD', /negative/],
    ['1.234', 'USD', /USD has at most 2 decimals/],
    ['10.5', 'JPY', /JPY has no decimals/],
    ['1.2345', 'BHD', /at most 3 decimals/],
    ['1e3', 'USD', /not an amount/],
    ['12.3.4', 'USD', /not an amount/],
    ['$12', 'USD', /not an amount/],
    ['NaN', 'USD', /not an amount/],
    ['Infinity', 'USD', /not an amount/],
    ['0x10', 'USD', /not an amount/],
    ['9999999999999999', 'USD', /not an amount|too large/],
    ['10000.01', 'USD', /most this till can charge is \$10,000\.00/],
  ])('refuses %j in %s', (text, currency, message) => {
    const r = parseAmount(text, currency, max)
    expect(r.ok).toBe(false)
    expect(r.ok || r.message).toMatch(message)
  })

  it('gives the refusal as a code with its values, for the till to word', () => {
    expect(parseAmount('10.5', 'JPY', max)).toMatchObject({
      ok: false,
      refusal: { problem: 'decimals', currency: 'JPY', digits: 0 },
    })
    expect(parseAmount('10000.01', 'USD', max)).toMatchObject({
      refusal: { problem: 'overMax', currency: 'USD', maxMinor: max },
    })
  })
})

describe('formatMinor', () => {
  it.each([
    [1250, 'USD', 'en-US', '$12.50'],
    [1500, 'JPY', 'en-US', '¥1,500'],
    [1234, 'BHD', 'en-US', 'BHD 1.234'],
    [123456789012345, 'USD', 'en-US', '$1,234,567,890,123.45'],
  ])('%i %s in %s is %s', (minor, currency, locale, text) => {
    expect(formatMinor(minor, currency, locale).replace(/\u00a0/g, ' ')).toBe(text)
  })
})
