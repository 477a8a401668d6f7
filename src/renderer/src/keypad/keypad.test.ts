import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { minorDigits, minorToDecimal } from '../../../shared/money'
import { amountSymbols } from './amount-symbols'
import { formatEntry } from './format-entry'
import { keyForKeyboard } from './keyboard'
import {
  checkEntry,
  emptyKeypad,
  maxMinorFor,
  pressKey,
  type KeypadConfig,
  type KeypadKey,
  type KeypadRefusal,
  type KeypadState,
} from './keypad'
import '../i18n'
import { refusalWords } from './refusal-words'

const usd: KeypadConfig = { currency: 'USD', locale: 'en-US' }
const noMax = Number.MAX_SAFE_INTEGER

/** What the cashier reads, through the English locale file. */
const say = (refusal: KeypadRefusal | null) =>
  refusal && refusalWords(refusal, i18next.getFixedT('en'), 'en-US')

/** Keypad buttons: digits, '.' decimal key, '<' backspace, 'C' clear, 'Z' the 00 key. */
function tap(keys: string, config = usd, from: KeypadState = emptyKeypad): KeypadState {
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
    state = pressKey(state, key, config)
  }
  return state
}

/** A physical keyboard: each character as `KeyboardEvent.key`, from the main block (no code). */
function typeKeys(chars: string, config: KeypadConfig): KeypadState {
  const symbols = amountSymbols(config.currency, config.locale)
  let state = emptyKeypad
  for (const char of chars) {
    const key = keyForKeyboard({ key: char, code: '' }, symbols)
    if (key) state = pressKey(state, key, config)
  }
  return state
}

const paste = (text: string, config = usd, from: KeypadState = emptyKeypad) =>
  pressKey(from, { type: 'paste', text }, config)

/**
 * Reads the shown amount back as a customer would: only the locale's digits and its decimal
 * separator count. Independent of how the keypad builds the text, so it catches a display that
 * says one amount while Charge would ask for another.
 */
function readDisplay(shown: string, config: KeypadConfig): string {
  const s = amountSymbols(config.currency, config.locale)
  let out = ''
  for (const c of shown) {
    const d = s.digits.indexOf(c)
    if (d >= 0) out += String(d)
    else if (/[0-9]/.test(c)) out += c
    else if (c === s.decimal) out += '.'
  }
  return out
}

/** "0012.50" and "12.5" are the same amount; compare them as text, never as floats. */
const normal = (decimal: string) => {
  const [w = '', f = ''] = decimal.split('.')
  return `${w.replace(/^0+/, '') || '0'}.${f.replace(/0+$/, '')}`
}

describe('keypad buttons (en-US, USD)', () => {
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
  ])('%s gives %s', (keys, text) => {
    expect(tap(keys).text).toBe(text)
  })

  it('refuses a second decimal point and says so', () => {
    const s = tap('1.2.')
    expect(s.text).toBe('1.2')
    expect(s.refusal).toEqual({ problem: 'secondDecimal' })
    expect(say(s.refusal)).toBe('The amount already has a decimal point.')
  })

  it('refuses more decimals than the currency has', () => {
    const usd2: KeypadRefusal = { problem: 'decimals', currency: 'USD', digits: 2 }
    expect(tap('1.234')).toEqual({ text: '1.23', refusal: usd2 })
    expect(say(tap('1.234').refusal)).toBe('USD has at most 2 decimals.')
    const bhd = { currency: 'BHD', locale: 'en-US' }
    const bhd3: KeypadRefusal = { problem: 'decimals', currency: 'BHD', digits: 3 }
    expect(tap('1.2345', bhd)).toEqual({ text: '1.234', refusal: bhd3 })
    expect(tap('1.2Z')).toEqual({ text: '1.2', refusal: usd2 })
  })

  it('refuses a decimal point for a currency without decimals', () => {
    const jpy = { currency: 'JPY', locale: 'en-US' }
    const jpy0: KeypadRefusal = { problem: 'decimals', currency: 'JPY', digits: 0 }
    expect(tap('500.', jpy)).toEqual({ text: '500', refusal: jpy0 })
    expect(say(jpy0)).toBe('JPY has no decimals.')
    expect(tap('5Z', jpy).text).toBe('500')
  })

  it('after a refusal takes no more keys and cannot charge until Backspace or Clear', () => {
    const jpy = { currency: 'JPY', locale: 'en-US' }
    const jpy0: KeypadRefusal = { problem: 'decimals', currency: 'JPY', digits: 0 }
    const refused = tap('1.5', jpy)
    expect(refused).toEqual({ text: '1', refusal: jpy0 })
    expect(checkEntry(refused, jpy, noMax)).toEqual({ ok: false, refusal: jpy0 })
    expect(tap('1.5<', jpy)).toEqual({ text: '', refusal: null })
    expect(tap('1.234<').refusal).toBeNull()
    expect(tap('1..C')).toEqual(emptyKeypad)
  })

  it('caps the length', () => {
    const s = tap('12345678901')
    expect(s.text).toBe('1234567890')
    expect(s.refusal).toEqual({ problem: 'tooLong' })
    expect(say(s.refusal)).toBe('That amount is too long.')
  })
})

type Row = {
  locale: string
  currency: string
  typed: string
  shown: string
  /** Minor units Charge would ask for, or null when Charge stays disabled. */
  charge: number | null
  message?: RegExp
}

const group = /separates thousands/

/** What the issue found and what each locale must do with it: typed on a keyboard. */
const keyboardRows: Row[] = [
  { locale: 'en-US', currency: 'USD', typed: '1,000', shown: '$1,000', charge: 100000 },
  { locale: 'en-US', currency: 'USD', typed: '1,2,3', shown: '$1,2', charge: null, message: group },
  { locale: 'en-US', currency: 'USD', typed: '1,0', shown: '$1,0', charge: null, message: group },
  {
    locale: 'en-US',
    currency: 'USD',
    typed: '1,0000',
    shown: '$1,000',
    charge: null,
    message: group,
  },
  {
    locale: 'en-US',
    currency: 'USD',
    typed: '1234,',
    shown: '$1,234',
    charge: null,
    message: group,
  },
  { locale: 'en-US', currency: 'USD', typed: '1,0.5', shown: '$1,0', charge: null, message: group },
  {
    locale: 'en-US',
    currency: 'USD',
    typed: '1,234,567.89',
    shown: '$1,234,567.89',
    charge: 123456789,
  },
  { locale: 'en-US', currency: 'USD', typed: '-5', shown: '$0', charge: null, message: /negative/ },
  { locale: 'en-US', currency: 'USD', typed: '5-', shown: '$5', charge: null, message: /negative/ },
  {
    locale: 'en-US',
    currency: 'USD',
    typed: '5a',
    shown: '$5',
    charge: null,
    message: /“a” is not part/,
  },
  {
    locale: 'en-US',
    currency: 'USD',
    typed: '12.345',
    shown: '$12.34',
    charge: null,
    message: /at most 2/,
  },
  {
    locale: 'en-US',
    currency: 'JPY',
    typed: '1.5',
    shown: '¥1',
    charge: null,
    message: /JPY has no decimals/,
  },
  { locale: 'en-US', currency: 'JPY', typed: '1,500', shown: '¥1,500', charge: 1500 },
  { locale: 'en-US', currency: 'BHD', typed: '1.234', shown: 'BHD\u00a01.234', charge: 1234 },
  {
    locale: 'en-US',
    currency: 'BHD',
    typed: '1.2345',
    shown: 'BHD\u00a01.234',
    charge: null,
    message: /at most 3/,
  },
  { locale: 'de-DE', currency: 'EUR', typed: '1.000', shown: '1.000\u00a0€', charge: 100000 },
  { locale: 'de-DE', currency: 'EUR', typed: '12,5', shown: '12,5\u00a0€', charge: 1250 },
  { locale: 'de-DE', currency: 'EUR', typed: '1.234,56', shown: '1.234,56\u00a0€', charge: 123456 },
  {
    locale: 'de-DE',
    currency: 'EUR',
    typed: '12.5',
    shown: '12.5\u00a0€',
    charge: null,
    message: group,
  },
  {
    locale: 'de-DE',
    currency: 'EUR',
    typed: '1,000',
    shown: '1,00\u00a0€',
    charge: null,
    message: /at most 2/,
  },
  {
    locale: 'fr-CH',
    currency: 'CHF',
    typed: '1 000.50',
    shown: '1\u202f000.50\u00a0CHF',
    charge: 100050,
  },
  {
    locale: 'fr-CH',
    currency: 'CHF',
    typed: '1\u202f000',
    shown: '1\u202f000\u00a0CHF',
    charge: 100000,
  },
  {
    locale: 'fr-CH',
    currency: 'CHF',
    typed: '12,5',
    shown: '12\u00a0CHF',
    charge: null,
    message: /“,” is not part/,
  },
  { locale: 'ja-JP', currency: 'JPY', typed: '1,000', shown: '￥1,000', charge: 1000 },
  {
    locale: 'ja-JP',
    currency: 'JPY',
    typed: '1.5',
    shown: '￥1',
    charge: null,
    message: /JPY has no decimals/,
  },
  {
    locale: 'ar-EG',
    currency: 'EGP',
    typed: '١٢٫٥٠',
    shown: '\u200f١٢٫٥٠\u00a0ج.م.\u200f',
    charge: 1250,
  },
  {
    locale: 'ar-EG',
    currency: 'EGP',
    typed: '١٬٠٠٠',
    shown: '\u200f١٬٠٠٠\u00a0ج.م.\u200f',
    charge: 100000,
  },
  {
    locale: 'ar-EG',
    currency: 'EGP',
    typed: '12٫5',
    shown: '\u200f١٢٫٥\u00a0ج.م.\u200f',
    charge: 1250,
  },
  {
    locale: 'ar-EG',
    currency: 'EGP',
    typed: '12.5',
    shown: '\u200f١٢\u00a0ج.م.\u200f',
    charge: null,
    message: /“\.” is not part/,
  },
  { locale: 'hi-IN', currency: 'INR', typed: '1,00,000', shown: '₹1,00,000', charge: 10000000 },
  {
    locale: 'hi-IN',
    currency: 'INR',
    typed: '12,34,567.5',
    shown: '₹12,34,567.5',
    charge: 123456750,
  },
  { locale: 'hi-IN', currency: 'INR', typed: '1,000', shown: '₹1,000', charge: 100000 },
  {
    locale: 'hi-IN',
    currency: 'INR',
    typed: '100,000',
    shown: '₹100',
    charge: null,
    message: group,
  },
  {
    locale: 'hi-IN',
    currency: 'INR',
    typed: '1,000,000',
    shown: '₹1,000',
    charge: null,
    message: group,
  },
]

describe.each(keyboardRows)('$locale $currency typed $typed', (row) => {
  const config = { currency: row.currency, locale: row.locale }
  const state = typeKeys(row.typed, config)
  const check = checkEntry(state, config, noMax)

  it(`shows ${row.shown}`, () => {
    expect(formatEntry(state.text, row.currency, row.locale)).toBe(row.shown)
  })

  it(row.charge === null ? 'cannot be charged, and says why' : `charges ${row.charge}`, () => {
    if (row.charge === null) {
      expect(check.ok).toBe(false)
      if (!check.ok) expect(say(check.refusal)).toMatch(row.message ?? /./)
    } else {
      expect(check).toEqual({ ok: true, minor: row.charge })
      expect(state.refusal).toBeNull()
    }
  })

  it('pasted, it gives the same amount or is refused whole', () => {
    const before = tap('42', config)
    const pasted = paste(row.typed, config, before)
    if (row.charge === null) {
      expect(pasted.text).toBe('42')
      expect(pasted.refusal).not.toBeNull()
    } else {
      expect(checkEntry(pasted, config, noMax)).toEqual({ ok: true, minor: row.charge })
    }
  })
})

describe('numpad', () => {
  const press = (codes: [string, string][], config: KeypadConfig) => {
    const symbols = amountSymbols(config.currency, config.locale)
    let state = emptyKeypad
    for (const [key, code] of codes) {
      const k = keyForKeyboard({ key, code }, symbols)
      if (k) state = pressKey(state, k, config)
    }
    return state
  }

  it.each([
    // The numpad's decimal key is the decimal separator whatever character the layout sends.
    ['en-US', 'USD', '.', 1250],
    ['de-DE', 'EUR', '.', 1250],
    ['de-DE', 'EUR', ',', 1250],
    ['ar-EG', 'EGP', '.', 1250],
    ['hi-IN', 'INR', '.', 1250],
  ])('%s %s: 1 2 %j 5 is 12.5', (locale, currency, sep, minor) => {
    const config = { currency, locale }
    const s = press(
      [
        ['1', 'Numpad1'],
        ['2', 'Numpad2'],
        [sep, 'NumpadDecimal'],
        ['5', 'Numpad5'],
      ],
      config,
    )
    expect(checkEntry(s, config, noMax)).toEqual({ ok: true, minor })
  })

  it('counts digits with Num Lock off and refuses the minus key', () => {
    const s = press(
      [
        ['End', 'Numpad1'],
        ['Insert', 'Numpad0'],
        ['-', 'NumpadSubtract'],
      ],
      usd,
    )
    expect(s).toEqual({ text: '10', refusal: { problem: 'negative' } })
    expect(say(s.refusal)).toBe('The amount cannot be negative.')
  })

  it('ignores keys that are not input', () => {
    const symbols = amountSymbols('USD', 'en-US')
    for (const key of ['Tab', 'Shift', 'F5', 'ArrowLeft', 'Enter'])
      expect(keyForKeyboard({ key, code: key }, symbols)).toBeNull()
  })
})

describe('pasting', () => {
  it.each([
    ['12.50', usd, '12.50'],
    [' 7 ', usd, '7'],
    ['007.10', usd, '7.10'],
    ['1,234.50', usd, '1,234.50'],
    ['1500', { currency: 'JPY', locale: 'en-US' }, '1500'],
    ['1.234', { currency: 'BHD', locale: 'en-US' }, '1.234'],
    ['12,50', { currency: 'EUR', locale: 'de-DE' }, '12.50'],
  ])('%j becomes %s', (pasted, config, text) => {
    expect(paste(pasted, config)).toEqual({ text, refusal: null })
  })

  it.each([
    ['abc', /“a” is not part/],
    ['12.345', /at most 2 decimals/],
    ['-5', /negative/],
    ['1e5', /“e” is not part/],
    ['$12', /“\$” is not part/],
    ['12,5', group],
    ['12345678901', /too long/],
    ['', /Nothing to paste/],
    ['<script>', /not part/],
  ])('refuses %j and keeps the entry', (pasted, message) => {
    const after = paste(pasted, usd, tap('42'))
    expect(after.text).toBe('42')
    expect(say(after.refusal)).toMatch(message)
  })
})

describe('what Charge asks for is what the display says', () => {
  const configs: KeypadConfig[] = [
    { locale: 'en-US', currency: 'USD' },
    { locale: 'de-DE', currency: 'EUR' },
    { locale: 'fr-CH', currency: 'CHF' },
    { locale: 'ja-JP', currency: 'JPY' },
    { locale: 'ar-EG', currency: 'EGP' },
    { locale: 'hi-IN', currency: 'INR' },
    { locale: 'en-US', currency: 'BHD' },
  ]
  it.each(configs)('$locale $currency, 3000 random key sequences', (config) => {
    const s = amountSymbols(config.currency, config.locale)
    const alphabet = [
      '1',
      '2',
      '0',
      '5',
      s.digits[7] ?? '7',
      s.decimal,
      s.group,
      '.',
      ',',
      '-',
      ' ',
      'x',
    ]
    let seed = 14
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    let charged = 0
    for (let run = 0; run < 3000; run++) {
      let keys = ''
      const length = 1 + Math.floor(random() * 9)
      for (let i = 0; i < length; i++) keys += alphabet[Math.floor(random() * alphabet.length)]
      const state = typeKeys(keys, config)
      const check = checkEntry(state, config, noMax)
      if (!check.ok) continue
      charged++
      const shown = formatEntry(state.text, config.currency, config.locale)
      const minorText = minorToDecimal(check.minor, minorDigits(config.currency))
      expect(normal(readDisplay(shown, config)), `${keys} shown as ${shown}`).toBe(
        normal(minorText),
      )
    }
    expect(charged).toBeGreaterThan(100)
  })
})

describe('checkEntry', () => {
  const max = maxMinorFor(10_000, 'USD')
  const entry = (text: string): KeypadState => ({ text, refusal: null })
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
    ['10,000.01', false, /most this till can charge is \$10,000\.00/],
    ['12.', true, null],
    ['10000', true, null],
    ['10,000', true, null],
    ['0.01', true, null],
  ])('%j ok=%s', (text, ok, message) => {
    const r = checkEntry(entry(text), usd, max)
    expect(r.ok).toBe(ok)
    if (!r.ok && message) expect(say(r.refusal)).toMatch(message)
  })
  it('gives minor units for a good amount', () => {
    expect(checkEntry(entry('12.5'), usd, max)).toEqual({ ok: true, minor: 1250 })
    const bhd = { currency: 'BHD', locale: 'en-US' }
    expect(checkEntry(entry('1.234'), bhd, 10_000_000)).toEqual({ ok: true, minor: 1234 })
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
    ['1,234.', 'EUR', 'de-DE', '1.234,\u00a0€'],
    ['150000', 'JPY', 'en-US', '¥150,000'],
    ['1.234', 'BHD', 'en-US', 'BHD\u00a01.234'],
    ['9999999999.99', 'USD', 'en-US', '$9,999,999,999.99'],
    ['12.5', 'EGP', 'ar-EG', '\u200f١٢٫٥\u00a0ج.م.\u200f'],
  ])('%j %s %s → %s', (text, currency, locale, shown) => {
    expect(formatEntry(text, currency, locale)).toBe(shown)
  })
})

describe('refusal words', () => {
  it('are the locale file’s, with counts and money in the screen’s locale', () => {
    const usd2: KeypadRefusal = { problem: 'decimals', currency: 'USD', digits: 2 }
    expect(refusalWords(usd2, i18next.getFixedT('de'), 'de-DE')).toBe(
      'USD hat höchstens 2 Nachkommastellen.',
    )
    const bhd3: KeypadRefusal = { problem: 'decimals', currency: 'BHD', digits: 3 }
    expect(refusalWords(bhd3, i18next.getFixedT('ar-EG'), 'ar-EG')).toContain('٣')
    const over: KeypadRefusal = { problem: 'overMax', currency: 'EUR', maxMinor: 1_000_000 }
    expect(refusalWords(over, i18next.getFixedT('de'), 'de-DE')).toBe(
      'Diese Kasse kann höchstens 10.000,00\u00a0€ kassieren.',
    )
  })
})
