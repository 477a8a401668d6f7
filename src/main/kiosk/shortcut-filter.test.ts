import { describe, expect, it } from 'vitest'
import { blockedShortcut, type KeyInput, type KioskPlatform } from './shortcut-filter'

type Mods = Partial<Pick<KeyInput, 'control' | 'meta' | 'alt' | 'shift'>> & { code?: string }

/** A keyDown as Electron reports it; `code` defaults to what a US layout gives for the key. */
function press(key: string, mods: Mods = {}): KeyInput {
  const code =
    mods.code ??
    (/^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : /^\d$/.test(key) ? `Digit${key}` : key)
  return {
    type: 'keyDown',
    key,
    code,
    control: mods.control ?? false,
    meta: mods.meta ?? false,
    alt: mods.alt ?? false,
    shift: mods.shift ?? false,
  }
}

const ctrl = { control: true }
const cmd = { meta: true }
const pcs: KioskPlatform[] = ['win32', 'linux']

// [what the cashier presses, platforms, what it would do]
const blocked: [string, KeyInput, KioskPlatform[], string][] = [
  ['Ctrl+R', press('r', ctrl), pcs, 'reload'],
  ['Ctrl+Shift+R', press('R', { ...ctrl, shift: true }), pcs, 'reload'],
  ['F5', press('F5'), [...pcs, 'darwin'], 'reload'],
  ['Ctrl+F5', press('F5', ctrl), pcs, 'reload'],
  ['Cmd+R', press('r', cmd), ['darwin'], 'reload'],
  ['Cmd+Shift+R', press('R', { ...cmd, shift: true }), ['darwin'], 'reload'],
  ['browser Refresh key', press('BrowserRefresh'), [...pcs, 'darwin'], 'reload'],
  ['Ctrl+W', press('w', ctrl), pcs, 'close'],
  ['Ctrl+F4', press('F4', ctrl), pcs, 'close'],
  ['Alt+F4', press('F4', { alt: true }), pcs, 'close'],
  ['Cmd+W', press('w', cmd), ['darwin'], 'close'],
  ['Cmd+Shift+W', press('W', { ...cmd, shift: true }), ['darwin'], 'close'],
  ['Ctrl+Q', press('q', ctrl), pcs, 'quit'],
  ['Cmd+Q', press('q', cmd), ['darwin'], 'quit'],
  ['Cmd+H', press('h', cmd), ['darwin'], 'minimize'],
  ['Cmd+M', press('m', cmd), ['darwin'], 'minimize'],
  ['Ctrl+Shift+I', press('I', { ...ctrl, shift: true }), pcs, 'devtools'],
  ['Ctrl+Shift+J', press('J', { ...ctrl, shift: true }), pcs, 'devtools'],
  ['Ctrl+Shift+C', press('C', { ...ctrl, shift: true }), pcs, 'devtools'],
  ['F12', press('F12'), [...pcs, 'darwin'], 'devtools'],
  ['Cmd+Alt+I', press('ˆ', { ...cmd, alt: true, code: 'KeyI' }), ['darwin'], 'devtools'],
  ['Cmd+Alt+J', press('j', { ...cmd, alt: true }), ['darwin'], 'devtools'],
  ['Ctrl+U (view source)', press('u', ctrl), pcs, 'devtools'],
  ['Ctrl+=', press('=', ctrl), pcs, 'zoom'],
  ['Ctrl++', press('+', { ...ctrl, shift: true, code: 'Equal' }), pcs, 'zoom'],
  ['Ctrl+-', press('-', ctrl), pcs, 'zoom'],
  ['Ctrl+0', press('0', ctrl), pcs, 'zoom'],
  ['Ctrl+numpad +', press('+', { ...ctrl, code: 'NumpadAdd' }), pcs, 'zoom'],
  ['Ctrl+numpad -', press('-', { ...ctrl, code: 'NumpadSubtract' }), pcs, 'zoom'],
  ['Cmd+=', press('=', cmd), ['darwin'], 'zoom'],
  ['Cmd+-', press('-', cmd), ['darwin'], 'zoom'],
  ['Cmd+0', press('0', cmd), ['darwin'], 'zoom'],
  ['F11', press('F11'), [...pcs, 'darwin'], 'fullscreen'],
  ['Ctrl+Cmd+F', press('f', { ...cmd, control: true }), ['darwin'], 'fullscreen'],
  ['Ctrl+P', press('p', ctrl), pcs, 'print'],
  ['Ctrl+Shift+P', press('P', { ...ctrl, shift: true }), pcs, 'print'],
  ['Cmd+P', press('p', cmd), ['darwin'], 'print'],
  ['Alt+Left', press('ArrowLeft', { alt: true }), pcs, 'navigation'],
  ['Alt+Right', press('ArrowRight', { alt: true }), pcs, 'navigation'],
  ['Alt+Home', press('Home', { alt: true }), pcs, 'navigation'],
  ['Cmd+[', press('[', cmd), ['darwin'], 'navigation'],
  ['Cmd+]', press(']', cmd), ['darwin'], 'navigation'],
  ['browser Back key', press('BrowserBack'), [...pcs, 'darwin'], 'navigation'],
  ['browser Forward key', press('BrowserForward'), [...pcs, 'darwin'], 'navigation'],
  ['Ctrl+N', press('n', ctrl), pcs, 'new-window'],
  ['Ctrl+T', press('t', ctrl), pcs, 'new-window'],
  ['Cmd+N', press('n', cmd), ['darwin'], 'new-window'],
]

// Ordinary typing at the till: the keypad, the description field and its editing shortcuts.
const passes: [string, KeyInput, KioskPlatform[]][] = [
  ...'0123456789'
    .split('')
    .map((d): [string, KeyInput, KioskPlatform[]] => [d, press(d), [...pcs, 'darwin']]),
  ['numpad 5', press('5', { code: 'Numpad5' }), [...pcs, 'darwin']],
  ['numpad 0', press('0', { code: 'Numpad0' }), [...pcs, 'darwin']],
  ['.', press('.', { code: 'Period' }), [...pcs, 'darwin']],
  [',', press(',', { code: 'Comma' }), [...pcs, 'darwin']],
  ['Backspace', press('Backspace'), [...pcs, 'darwin']],
  ['Delete', press('Delete'), [...pcs, 'darwin']],
  ['Enter', press('Enter'), [...pcs, 'darwin']],
  ['Escape', press('Escape'), [...pcs, 'darwin']],
  ['Tab', press('Tab'), [...pcs, 'darwin']],
  ['ArrowLeft', press('ArrowLeft'), [...pcs, 'darwin']],
  ['Shift+A', press('A', { shift: true }), [...pcs, 'darwin']],
  ['space', press(' ', { code: 'Space' }), [...pcs, 'darwin']],
  ['Ctrl+C', press('c', ctrl), pcs],
  ['Ctrl+V', press('v', ctrl), pcs],
  ['Ctrl+X', press('x', ctrl), pcs],
  ['Ctrl+Z', press('z', ctrl), pcs],
  ['Ctrl+A', press('a', ctrl), pcs],
  ['Ctrl+Left (word left)', press('ArrowLeft', ctrl), pcs],
  ['Cmd+C', press('c', cmd), ['darwin']],
  ['Cmd+V', press('v', cmd), ['darwin']],
  ['Cmd+A', press('a', cmd), ['darwin']],
  ['Cmd+Left (line start)', press('ArrowLeft', cmd), ['darwin']],
  ['Alt+Left (word left on macOS)', press('ArrowLeft', { alt: true }), ['darwin']],
  // Ctrl+R on a Mac is not reload (Cmd is); Cmd-less letters are text.
  ['Ctrl+R on macOS', press('r', ctrl), ['darwin']],
  ['AltGr+Q (@ on a German layout)', press('@', { control: true, alt: true, code: 'KeyQ' }), pcs],
]

describe('kiosk shortcut filter', () => {
  for (const [name, input, platforms, kind] of blocked) {
    for (const platform of platforms) {
      it(`swallows ${name} on ${platform} (${kind})`, () => {
        expect(blockedShortcut(input, platform)).toBe(kind)
      })
    }
  }
  for (const [name, input, platforms] of passes) {
    for (const platform of platforms) {
      it(`lets ${name} through on ${platform}`, () => {
        expect(blockedShortcut(input, platform)).toBeNull()
      })
    }
  }
  it('swallows the key release of a blocked shortcut too', () => {
    expect(blockedShortcut({ ...press('F5'), type: 'keyUp' }, 'linux')).toBe('reload')
  })
})
