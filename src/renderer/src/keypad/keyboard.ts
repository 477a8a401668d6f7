import type { AmountSymbols } from './amount-symbols'
import { keyForChar, type Digit, type KeypadKey } from './keypad'

/**
 * The keypad key for a physical key press, or null for keys that are not input (Tab, Shift, F5).
 * The numpad counts by position: its digits even with Num Lock off (they then arrive as Insert,
 * End, …) and its decimal key as the decimal separator whatever character the layout gives it.
 * Every other printable character goes through `keyForChar`, so nothing typed is dropped unsaid.
 */
export function keyForKeyboard(
  event: { key: string; code: string },
  symbols: AmountSymbols,
): KeypadKey | null {
  const numpad = /^Numpad([0-9])$/.exec(event.code)?.[1]
  if (numpad) return { type: 'digit', digit: numpad as Digit }
  if (event.code === 'NumpadDecimal') return { type: 'decimal' }
  if (event.key === 'Backspace') return { type: 'backspace' }
  if (event.key === 'Delete' || event.key === 'Escape') return { type: 'clear' }
  if ([...event.key].length === 1) return keyForChar(event.key, symbols)
  return null
}
