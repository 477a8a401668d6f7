/**
 * Turns keytar/libsecret error texts into a reason code and a message a shop manager can act on.
 * keytar throws plain `Error`s with no `code`, so the message text is all we have. Texts observed
 * with keytar 7.9.0 on Debian (see the report in keychain-errors.test.ts):
 *
 * - "Cannot autolaunch D-Bus without X11 $DISPLAY": no DBUS_SESSION_BUS_ADDRESS and no DISPLAY
 * - "Failed to execute child process “dbus-launch” (No such file or directory)": DISPLAY set, no bus
 * - "Could not connect: No such file or directory": bus address set, nothing listening
 * - "The name org.freedesktop.secrets was not provided by any .service files": session bus without a
 *   Secret Service provider (no gnome-keyring / KeePassXC)
 * - "Cannot create an item in a locked collection": keyring exists but is locked and the unlock
 *   prompt could not be shown or was dismissed (reads then silently return null!)
 * - "Object does not exist at path “/org/freedesktop/secrets/collection/login”": gnome-keyring is
 *   running but there is no login keyring yet and the "create keyring" prompt was not answered
 * - "libsecret-1.so.0: cannot open shared object file": keytar loaded where libsecret is missing
 */
import type { KeychainUnavailableReason } from './key-vault'

const NO_SERVICE_PATTERNS = [
  /Cannot autolaunch D-Bus/i,
  /dbus-launch/i,
  /Could not connect/i,
  /org\.freedesktop\.secrets was not provided/i,
  /ServiceUnknown/i,
  /The name .* was not provided by any \.service files/i,
  /libsecret/i,
  /cannot open shared object file/i,
]

const LOCKED_PATTERNS = [
  /locked collection/i,
  /\bis locked\b/i,
  /Object does not exist at path .*\/collection\//i,
  /prompt.*(dismissed|cancel)/i,
  /(dismissed|cancel(l)?ed).*prompt/i,
  /user (canceled|cancelled)/i,
]

export function keychainMessage(reason: KeychainUnavailableReason, platform: string): string {
  const linux = platform === 'linux'
  switch (reason) {
    case 'no-secret-service':
      return linux
        ? 'No system keychain is available, so the terminal cannot store its signing key safely. ' +
            'Install and start a Secret Service keyring in the desktop session that runs the app ' +
            '(GNOME Keyring: package "gnome-keyring"; or KeePassXC with "Secret Service ' +
            'integration" enabled), make sure libsecret is installed, then restart the app.'
        : 'The system keychain is not available, so the terminal cannot store its signing key ' +
            'safely. Sign in to this computer with a normal desktop user account and restart the app.'
    case 'locked':
      return linux
        ? 'The system keychain is locked (or its unlock prompt was dismissed). Unlock the "Login" ' +
            'keyring, for example in "Passwords and Keys" (Seahorse) or by logging in to the ' +
            'desktop with your password; if there is no login keyring yet, create one there. ' +
            'Then retry.'
        : 'The system keychain is locked or access was denied. Unlock it (and allow this app ' +
            'access when asked), then retry.'
    case 'error':
      return (
        'The system keychain reported an unexpected error. Restart the app; if it keeps ' +
        'happening, check that the keyring service is running and unlocked.'
      )
  }
}

export function classifyKeychainError(err: unknown): KeychainUnavailableReason {
  const text = err instanceof Error ? err.message : String(err)
  if (NO_SERVICE_PATTERNS.some((p) => p.test(text))) return 'no-secret-service'
  if (LOCKED_PATTERNS.some((p) => p.test(text))) return 'locked'
  return 'error'
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
