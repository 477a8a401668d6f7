import { useTerminalStore } from '../../stores/bound-stores'

/** The keychain did not say whether a PIN is set: the manager screens stay shut until it does. */
export function PinUnreadable() {
  const { run, busy, error } = useTerminalStore()
  return (
    <section className="panel problem" role="alert" data-testid="pin-unreadable">
      <h1>Manager locked: the PIN cannot be read</h1>
      <p>
        The system keychain did not answer when the terminal read the manager PIN (it may be
        locked). Until it does, the manager screens, kiosk mode and the PIN stay as they are.
      </p>
      <p className="message">Unlock the keychain, then try again.</p>
      <button className="big" disabled={busy} onClick={() => void run('retryKeychain')}>
        Try again
      </button>
      {error && <p className="message error">{error}</p>}
    </section>
  )
}
