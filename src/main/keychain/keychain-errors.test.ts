import { describe, expect, it } from 'vitest'
import { classifyKeychainError, keychainMessage } from './keychain-errors'

// Texts observed from keytar 7.9.0 / libsecret on Debian 12 (see keychain-errors.ts).
const OBSERVED: [string, ReturnType<typeof classifyKeychainError>][] = [
  ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'no-secret-service'],
  [
    'Failed to execute child process “dbus-launch” (No such file or directory)',
    'no-secret-service',
  ],
  ['Could not connect: No such file or directory', 'no-secret-service'],
  ['The name org.freedesktop.secrets was not provided by any .service files', 'no-secret-service'],
  [
    'libsecret-1.so.0: cannot open shared object file: No such file or directory',
    'no-secret-service',
  ],
  ['Cannot create an item in a locked collection', 'locked'],
  ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'locked'],
  ['The prompt was dismissed', 'locked'],
  ['Something else entirely', 'error'],
]

describe('classifyKeychainError', () => {
  for (const [text, reason] of OBSERVED) {
    it(`"${text}" → ${reason}`, () => {
      expect(classifyKeychainError(new Error(text))).toBe(reason)
    })
  }
  it('accepts non-Error values', () => {
    expect(classifyKeychainError('Cannot autolaunch D-Bus without X11 $DISPLAY')).toBe(
      'no-secret-service',
    )
  })
})

describe('keychainMessage', () => {
  it('tells a Linux manager what to install or unlock', () => {
    expect(keychainMessage('no-secret-service', 'linux')).toMatch(/GNOME Keyring/)
    expect(keychainMessage('no-secret-service', 'linux')).toMatch(/KeePassXC/)
    expect(keychainMessage('locked', 'linux')).toMatch(/[Uu]nlock the "Login" keyring/)
    expect(keychainMessage('error', 'linux')).toMatch(/Restart/)
    expect(keychainMessage('locked', 'darwin')).toMatch(/Unlock/)
  })
})
