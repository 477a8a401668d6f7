import { describe, expect, it } from 'vitest'
import { formatEntry } from './format-entry'
import {
  checkEntry,
  emptyKeypad,
  maxMinorFor,
  pressKey,
  type KeypadKey,
  type KeypadState,
} from './keypad'

/** Types a string of keys: digits, '.', '<' for backspace, 'C' for clear, 'Z' for '00'. */
function type(keys: string, currency = 'USD', from: KeypadState = emptyKeypad): KeypadState {
  let state = from
  for (const ch of keys) {
    const key: KeypadKey =
      ch === '.'
        ? { type: 'decimal' }
        : ch === '<'
          ? { type: 'backspace' }
          : ch === 'C'
            ? { type: 'clear' }
            : ch === 'Z'
              ? { type: 'digit', digit: '00' }
              : { type: 'digit', digit: ch as '0' }
    state = pressKey(state, key, { currency })
  }
  return state
}

const paste = (text: string, currency = 'USD', from: KeypadState = emptyKeypad) =>
  pressKey(from, { type: 'paste', text }, { currency })

describe('keypad entry', () => {
  it.each([
    ['1250', '1250'],
    ['12.5', '12.5'],
    ['12.50', '12.50'],
    ['.5', '0.5'],
    ['0', '0'],
    ['007', '7'],
    ['0.05', '0.05'],
    ['1Z', '100'],
    ['ZZ', '0'],
    ['12.3<', '12.'],
    ['12.<', '12'],
    ['12C', ''],
    ['<<<', ''],
    ['0.<<', ''],
  ])('USD %s gives %s', (keys, text) => {
    expect(type(keys).text).toBe(text)
  })

  it('refuses a second decimal point and says so', () => {
    const s = type('1.2.')
    expect(s.text).toBe('1.2')
    expect(s.message).toMatch(/already has a decimal point/)
  })

  it('refuses more decimals than the currency has', () => {
    expect(type('1.234')).toEqual({ text: '1.23', message: 'USD has at most 2 decimals.' })
    expect(type('1.2345', 'BHD')).toEqual({ text: '1.234', message: 'BHD has at most 3 decimals.' })
    expect(type('1.2Z')).toEqual({ text: '1.2', message: 'USD has at most 2 decimals.' })
  })

  it('refuses a decimal point for a currency without decimals', () => {
    expect(type('500.', 'JPY')).toEqual({ text: '500', message: 'JPY has no decimals.' })
    expect(type('5Z', 'JPY').text).toBe('500')
  })

  it('the next good key clears the message', () => {
    expect(type('1.234<').message).toBeNull()
    expect(type('1..').message).not.toBeNull()
    expect(type('1..<').message).toBeNull()
  })

  it('caps the length', () => {
    const s = type('12345678901')
    expect(s.text).toBe('1234567890')
    expect(s.message).toBe('That amount is too long.')
  })
})

describe('pasting', () => {
  it.each([
    ['12.50', 'USD', '12.50'],
    ['12,5', 'USD', '12.5'],
    [' 7 ', 'USD', '7'],
    ['007.10', 'USD', '7.10'],
    ['1500', 'JPY', '1500'],
    ['1500,', 'JPY', '1500'],
    ['1.234', 'BHD', '1.234'],
  ])('%j in %s becomes %s', (pasted, currency, text) => {
    expect(paste(pasted, currency)).toEqual({ text, message: null })
  })

  it.each([
    ['abc', /not an amount/],
    ['12.345', /at most 2 decimals/],
    ['-5', /negative/],
    ['1e5', /not an amount/],
    ['$12', /not an amount/],
    ['1,234.50', /not an amount/],
    ['12345678901', /too long/],
    ['', /Nothing to paste/],
    ['<script>', /not an amount/],
  ])('refuses %j and keeps the entry', (pasted, message) => {
    const before = type('42')
    const after = paste(pasted, 'USD', before)
    expect(after.text).toBe('42')
    expect(after.message).toMatch(message)
  })

  it('refuses decimals for JPY', () => {
    expect(paste('12.5', 'JPY').message).toBe('JPY has no decimals.')
  })
})

describe('checkEntry', () => {
  const max = maxMinorFor(10_000, 'USD')
  it('turns settings.maxAmount into minor units', () => {
    expect(max).toBe(1_000_000)
    expect(maxMinorFor(10_000, 'JPY')).toBe(10_000)
    expect(maxMinorFor(5, 'BHD')).toBe(5000)
  })
  it.each([
    ['', false, /Enter an amount/],
    ['0', false, /more than zero/],
    ['0.', false, /more than zero/],
    ['0.00', false, /more than zero/],
    ['10000.01', false, /most this till can charge is \$10,000\.00/],
    ['12.', true, null],
    ['10000', true, null],
    ['0.01', true, null],
  ])('%j ok=%s', (text, ok, message) => {
    const r = checkEntry(text, 'USD', max)
    expect(r.ok).toBe(ok)
    if (!r.ok && message) expect(r.message).toMatch(message)
  })
  it('gives minor units for a good amount', () => {
    expect(checkEntry('12.5', 'USD', max)).toEqual({ ok: true, minor: 1250 })
    expect(checkEntry('1.234', 'BHD', 10_000_000)).toEqual({ ok: true, minor: 1234 })
  })
})

describe('formatEntry', () => {
  it.each([
    ['', 'USD', 'en-US', '$0'],
    ['1234', 'USD', 'en-US', '$1,234'],
    ['1234.', 'USD', 'en-US', '$1,234.'],
    ['1234.5', 'USD', 'en-US', '$1,234.5'],
    ['1234.50', 'USD', 'en-US', '$1,234.50'],
    ['0.05', 'USD', 'en-US', '$0.05'],
    ['1234.5', 'EUR', 'de-DE', '1.234,5\u00a0€'],
    ['1234.', 'EUR', 'de-DE', '1.234,\u00a0€'],
    ['150000', 'JPY', 'en-US', '¥150,000'],
    ['1.234', 'BHD', 'en-US', 'BHD\u00a01.234'],
    ['9999999999.99', 'USD', 'en-US', '$9,999,999,999.99'],
  ])('%j %s %s → %s', (text, currency, locale, shown) => {
    expect(formatEntry(text, currency, locale)).toBe(shown)
  })
})
