import { minorDigits, parseAmount, type AmountCheck } from '../../../shared/money'

/**
 * Amount entry as the cashier types it, with no React in it. `text` is canonical decimal text
 * ('.' as separator, no leading zeros, at most the currency's decimals): what `charge` receives.
 * A key that would break a rule is refused and leaves `message` saying why.
 */
export type KeypadState = { text: string; message: string | null }

export type KeypadKey =
  | { type: 'digit'; digit: '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '00' }
  | { type: 'decimal' }
  | { type: 'backspace' }
  | { type: 'clear' }
  | { type: 'paste'; text: string }

export type KeypadConfig = { currency: string }

/** Whole-number digits the keypad takes: enough for the largest `maxAmount` (10 digits). */
export const MAX_WHOLE_DIGITS = 10

export const emptyKeypad: KeypadState = { text: '', message: null }

export function decimalsMessage(currency: string): string {
  const digits = minorDigits(currency)
  return digits === 0
    ? `${currency} has no decimals.`
    : `${currency} has at most ${digits} decimal${digits === 1 ? '' : 's'}.`
}

const tooLong = 'That amount is too long.'

function addDigit(text: string, digit: string, currency: string): KeypadState {
  const digits = minorDigits(currency)
  const [whole = '', fraction] = text.split('.')
  if (fraction !== undefined) {
    if (fraction.length >= digits) return { text, message: decimalsMessage(currency) }
    return { text: text + digit, message: null }
  }
  if (whole === '0' || whole === '') {
    // No leading zeros: "0" then "7" is "7"; "0" then "0" stays "0".
    return { text: digit, message: null }
  }
  if (whole.length >= MAX_WHOLE_DIGITS) return { text, message: tooLong }
  return { text: text + digit, message: null }
}

export function pressKey(state: KeypadState, key: KeypadKey, config: KeypadConfig): KeypadState {
  const { currency } = config
  switch (key.type) {
    case 'digit': {
      if (key.digit === '00') {
        const once = addDigit(state.text, '0', currency)
        const twice = once.message ? once : addDigit(once.text, '0', currency)
        // All or nothing: "1.2" + "00" must not quietly become "1.20".
        return twice.message ? { text: state.text, message: twice.message } : twice
      }
      return addDigit(state.text, key.digit, currency)
    }
    case 'decimal': {
      if (minorDigits(currency) === 0)
        return { text: state.text, message: decimalsMessage(currency) }
      if (state.text.includes('.')) {
        return { text: state.text, message: 'The amount already has a decimal point.' }
      }
      return { text: (state.text === '' ? '0' : state.text) + '.', message: null }
    }
    case 'backspace':
      return { text: state.text.slice(0, -1), message: null }
    case 'clear':
      return emptyKeypad
    case 'paste':
      return pasteAmount(state, key.text, currency)
  }
}

/**
 * A pasted amount replaces the entry if it is a plain amount in this currency ("12.50", "12,5",
 * " 7 "); anything else is refused with a message and the entry stays as it was.
 */
function pasteAmount(state: KeypadState, pasted: string, currency: string): KeypadState {
  const trimmed = pasted.trim()
  const m = /^(\d+)(?:[.,](\d*))?$/.exec(trimmed)
  if (!m) {
    const check = parseAmount(trimmed, currency, Number.MAX_SAFE_INTEGER)
    const message = check.ok
      ? 'That is not an amount. Use digits and one decimal point.'
      : trimmed === ''
        ? 'Nothing to paste: the clipboard has no amount.'
        : check.message
    return { text: state.text, message }
  }
  const whole = (m[1] ?? '').replace(/^0+(?=\d)/, '')
  const fraction = m[2]
  if (whole.length > MAX_WHOLE_DIGITS) return { text: state.text, message: tooLong }
  if (fraction !== undefined) {
    if (fraction.length > minorDigits(currency)) {
      return { text: state.text, message: decimalsMessage(currency) }
    }
    if (minorDigits(currency) === 0) {
      return fraction === ''
        ? { text: whole, message: null }
        : { text: state.text, message: decimalsMessage(currency) }
    }
    return { text: `${whole}.${fraction}`, message: null }
  }
  return { text: whole, message: null }
}

/** Whether the entry may be charged, and if not, why (in words for the cashier). */
export function checkEntry(text: string, currency: string, maxMinor: number): AmountCheck {
  return parseAmount(text, currency, maxMinor)
}

/** The till's maximum in minor units, from `settings.maxAmount` (whole units). */
export function maxMinorFor(maxAmount: number, currency: string): number {
  return maxAmount * 10 ** minorDigits(currency)
}
