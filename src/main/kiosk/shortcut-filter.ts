/**
 * Which key presses a locked till swallows before the page sees them (Electron's
 * `before-input-event`). Pure, so the table in the test is the whole truth about it.
 *
 * The application menu is removed in kiosk mode, which already takes away most of Electron's
 * accelerators; this filter is the second wall, for the shortcuts Chromium or the window manager
 * handle on their own and for a menu that comes back by mistake. Typing must keep working: digits,
 * separators, Backspace, Delete, Enter, Escape, arrows and the editing shortcuts (copy, paste,
 * undo, select all) all pass. Plain Backspace stays the keypad's delete key: Chromium dropped
 * Backspace-as-Back in version 52, and navigation away from the app is refused by the guards anyway.
 */

/** The subset of Electron's `Input` the filter reads. */
export type KeyInput = {
  type: string
  key: string
  code: string
  control: boolean
  meta: boolean
  alt: boolean
  shift: boolean
}

export type KioskPlatform = 'darwin' | 'win32' | 'linux'

export type BlockedKind =
  | 'reload'
  | 'close'
  | 'quit'
  | 'minimize'
  | 'devtools'
  | 'zoom'
  | 'fullscreen'
  | 'print'
  | 'navigation'
  | 'new-window'

/** Keys that act on their own, whatever the modifiers. */
const bareKeys: Record<string, BlockedKind> = {
  F5: 'reload',
  F11: 'fullscreen',
  F12: 'devtools',
  BrowserRefresh: 'reload',
  BrowserBack: 'navigation',
  BrowserForward: 'navigation',
  BrowserHome: 'navigation',
  BrowserSearch: 'navigation',
  Print: 'print',
  PrintScreen: 'print',
  ZoomIn: 'zoom',
  ZoomOut: 'zoom',
  ZoomToggle: 'zoom',
}

/** Letters with the platform's primary modifier (Ctrl, or Cmd on macOS). */
const primaryLetters: Record<string, BlockedKind> = {
  r: 'reload',
  w: 'close',
  q: 'quit',
  p: 'print',
  n: 'new-window',
  t: 'new-window',
  u: 'devtools',
  '+': 'zoom',
  '=': 'zoom',
  '-': 'zoom',
  _: 'zoom',
  '0': 'zoom',
  '[': 'navigation',
  ']': 'navigation',
}

/** Zoom through the numeric keypad's own keys (their `key` is the digit or sign). */
const numpadZoom = new Set(['NumpadAdd', 'NumpadSubtract', 'Numpad0'])

/** Letters that open developer tools with primary+Shift (and Cmd+Alt on macOS). */
const devtoolsLetters = new Set(['i', 'j', 'c'])

/** What the key press would do if let through, or null when it is ordinary typing. */
export function blockedShortcut(input: KeyInput, platform: KioskPlatform): BlockedKind | null {
  const mac = platform === 'darwin'
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key
  const bare = bareKeys[input.key]
  if (bare) return bare
  if (input.key === 'F4' && (input.alt || input.control)) return 'close'

  const primary = mac ? input.meta : input.control
  if (primary) {
    if (mac && input.control && key === 'f') return 'fullscreen'
    if (mac && (key === 'h' || key === 'm')) return 'minimize'
    // Alt on macOS turns letters into symbols (Cmd+Alt+I types "ˆ"): read the physical key.
    const physical = /^Key[A-Z]$/.test(input.code) ? input.code.slice(3).toLowerCase() : key
    if (devtoolsLetters.has(physical) && (input.shift || (mac && input.alt))) return 'devtools'
    if (numpadZoom.has(input.code)) return 'zoom'
    const letter = primaryLetters[key]
    if (letter) return letter
  }
  // Back and Forward: Alt+arrows on Windows and Linux.
  if (!mac && input.alt && (input.key === 'ArrowLeft' || input.key === 'ArrowRight'))
    return 'navigation'
  if (!mac && input.alt && input.key === 'Home') return 'navigation'
  return null
}
