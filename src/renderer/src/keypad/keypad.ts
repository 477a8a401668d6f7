import { minorDigits, parseAmount, type AmountRefusal } from '../../../shared/money'
import { amountSymbols, type AmountSymbols } from './amount-symbols'

/**
 * Amount entry as the cashier types it, with no React in it. `text` spells the entry without
 * locale: ASCII digits, ',' where the cashier typed the locale's group separator, '.' for its
 * decimal separator ("1,000.5" is "1.000,5" typed in de-DE). `chargeableText` turns it into the
 * decimal text `charge` receives. A key that would break a rule is refused and leaves `refusal`
 * saying why: nothing typed is ever dropped in silence. The refusal then stands, and the entry
 * takes no more keys and cannot be charged, until the cashier presses Backspace or Clear (or
 * pastes a whole amount): a fast "1.5" in JPY stays "¥1" with its refusal, never becomes "¥15".
 */
export type KeypadState = { text: string; refusal: KeypadRefusal | null }

/** Why a key or an entry is refused; `refusalWords` says it in the screen's language. */
export type KeypadRefusal =
  | AmountRefusal
  | { problem: 'tooLong' }
  | { problem: 'secondDecimal' }
  | { problem: 'grouping'; group: string; example: string }
  | { problem: 'notPartOfAmount'; char: string; decimal: string }
  | { problem: 'nothingToPaste' }

export type EntryCheck = { ok: true; minor: number } | { ok: false; refusal: KeypadRefusal }

export type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9'

export type KeypadKey =
  | { type: 'digit'; digit: Digit | '00' }
  | { type: 'decimal' }
  | { type: 'group' }
  /** Any other character typed or pasted: always refused, saying why. */
  | { type: 'other'; char: string }
  | { type: 'backspace' }
  | { type: 'clear' }
  | { type: 'paste'; text: string }

/** `locale` undefined is the system's, as for Intl. */
export type KeypadConfig = { currency: string; locale?: string }

/** Whole-number digits the keypad takes: enough for the largest `maxAmount` (10 digits). */
export const MAX_WHOLE_DIGITS = 10

export const emptyKeypad: KeypadState = { text: '', refusal: null }

function decimals(currency: string): KeypadRefusal {
  return { problem: 'decimals', currency, digits: minorDigits(currency) }
}

/** Given whenever a group separator or a digit would break the locale's grouping. */
function grouping(s: AmountSymbols): KeypadRefusal {
  return { problem: 'grouping', group: s.group, example: s.example }
}

/** What a typed or pasted character means in this locale (Latin digits always count too). */
export function keyForChar(char: string, s: AmountSymbols): KeypadKey {
  const latin = '0123456789'.indexOf(char)
  const native = s.digits.indexOf(char)
  const value = latin >= 0 ? latin : native
  if (value >= 0) return { type: 'digit', digit: String(value) as Digit }
  if (char === s.decimal) return { type: 'decimal' }
  if (char === s.group || (isSpace(s.group) && isSpace(char))) return { type: 'group' }
  return { type: 'other', char }
}

/** fr-CH groups with a narrow no-break space nobody can type: any space stands for it. */
const isSpace = (char: string) => /^[\s\u00a0\u202f]$/u.test(char)

function other(char: string, s: AmountSymbols): KeypadRefusal {
  if (char === '-' || char === '\u2212') return { problem: 'negative' }
  return { problem: 'notPartOfAmount', char, decimal: s.decimal }
}

type Split = { whole: string; groups: string[]; fraction: string | undefined }

function split(text: string): Split {
  const [whole = '', fraction] = text.split('.')
  return { whole, groups: whole.split(','), fraction }
}

/** Whether the typed groups are complete: each middle group `secondary` long, the last `primary`. */
function groupingComplete(groups: string[], s: AmountSymbols): boolean {
  if (groups.length === 1) return true
  const last = groups.length - 1
  return groups.every((g, i) =>
    i === 0
      ? g.length >= 1 && g.length <= s.secondary
      : g.length === (i === last ? s.primary : s.secondary),
  )
}

function addDigit(text: string, digit: string, currency: string, s: AmountSymbols): KeypadState {
  const { whole, groups, fraction } = split(text)
  if (fraction !== undefined) {
    if (fraction.length >= minorDigits(currency)) return { text, refusal: decimals(currency) }
    return { text: text + digit, refusal: null }
  }
  if (whole === '0' || whole === '') {
    // No leading zeros: "0" then "7" is "7"; "0" then "0" stays "0".
    return { text: digit, refusal: null }
  }
  if (groups.length > 1 && (groups.at(-1) ?? '').length >= s.primary) {
    return { text, refusal: grouping(s) }
  }
  if (whole.replaceAll(',', '').length >= MAX_WHOLE_DIGITS)
    return { text, refusal: { problem: 'tooLong' } }
  return { text: text + digit, refusal: null }
}

function addGroup(text: string, s: AmountSymbols): KeypadState {
  const { whole, groups, fraction } = split(text)
  const current = groups.at(-1) ?? ''
  // A separator may only close a group that a later group can follow: the first one 1 to
  // `secondary` digits long, the next ones exactly `secondary` (1,234,567; 12,34,567).
  const fits =
    fraction === undefined &&
    whole !== '' &&
    whole !== '0' &&
    (groups.length === 1 ? current.length <= s.secondary : current.length === s.secondary)
  return fits ? { text: text + ',', refusal: null } : { text, refusal: grouping(s) }
}

function press(
  state: KeypadState,
  key: KeypadKey,
  currency: string,
  s: AmountSymbols,
): KeypadState {
  const acknowledges = key.type === 'backspace' || key.type === 'clear' || key.type === 'paste'
  if (state.refusal !== null && !acknowledges) return state
  switch (key.type) {
    case 'digit': {
      if (key.digit === '00') {
        const once = addDigit(state.text, '0', currency, s)
        const twice = once.refusal ? once : addDigit(once.text, '0', currency, s)
        // All or nothing: "1.2" + "00" must not quietly become "1.20".
        return twice.refusal ? { text: state.text, refusal: twice.refusal } : twice
      }
      return addDigit(state.text, key.digit, currency, s)
    }
    case 'decimal': {
      if (minorDigits(currency) === 0) return { text: state.text, refusal: decimals(currency) }
      if (state.text.includes('.')) {
        return { text: state.text, refusal: { problem: 'secondDecimal' } }
      }
      if (!groupingComplete(split(state.text).groups, s)) {
        return { text: state.text, refusal: grouping(s) }
      }
      return { text: (state.text === '' ? '0' : state.text) + '.', refusal: null }
    }
    case 'group':
      return addGroup(state.text, s)
    case 'other':
      return { text: state.text, refusal: other(key.char, s) }
    case 'backspace':
      return { text: state.text.slice(0, -1), refusal: null }
    case 'clear':
      return emptyKeypad
    case 'paste':
      return pasteAmount(state, key.text, currency, s)
  }
}

export function pressKey(state: KeypadState, key: KeypadKey, config: KeypadConfig): KeypadState {
  return press(state, key, config.currency, amountSymbols(config.currency, config.locale))
}

/**
 * A pasted amount is typed key by key into an empty entry, so it follows exactly the rules of
 * typing ("1,234.50" in en-US, "1.234,50" in de-DE). It replaces the entry only if every
 * character was taken and its groups are complete; otherwise the entry stays and the refusal
 * says why.
 */
function pasteAmount(
  state: KeypadState,
  pasted: string,
  currency: string,
  s: AmountSymbols,
): KeypadState {
  const trimmed = pasted.trim()
  if (trimmed === '') return { text: state.text, refusal: { problem: 'nothingToPaste' } }
  let typed = emptyKeypad
  for (const char of trimmed) {
    typed = press(typed, keyForChar(char, s), currency, s)
    if (typed.refusal) return { text: state.text, refusal: typed.refusal }
  }
  if (!groupingComplete(split(typed.text).groups, s)) {
    return { text: state.text, refusal: grouping(s) }
  }
  return typed
}

/**
 * The decimal text to charge for this entry ("1,000.5" → "1000.5"), or why there is none: a
 * group the cashier has not finished ("1,0") is never charged as some other amount.
 */
export function chargeableText(
  text: string,
  config: KeypadConfig,
): { ok: true; text: string } | { ok: false; refusal: KeypadRefusal } {
  const s = amountSymbols(config.currency, config.locale)
  if (!groupingComplete(split(text).groups, s)) return { ok: false, refusal: grouping(s) }
  return { ok: true, text: text.replaceAll(',', '') }
}

/** Whether the entry may be charged, and if not, why. */
export function checkEntry(entry: KeypadState, config: KeypadConfig, maxMinor: number): EntryCheck {
  if (entry.refusal !== null) return { ok: false, refusal: entry.refusal }
  const amount = chargeableText(entry.text, config)
  if (!amount.ok) return amount
  const parsed = parseAmount(amount.text, config.currency, maxMinor)
  return parsed.ok ? parsed : { ok: false, refusal: parsed.refusal }
}

/** The till's maximum in minor units, from `settings.maxAmount` (whole units). */
export function maxMinorFor(maxAmount: number, currency: string): number {
  return maxAmount * 10 ** minorDigits(currency)
}
