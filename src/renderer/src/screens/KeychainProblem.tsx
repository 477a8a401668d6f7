import type { Connection } from '../../../shared/terminal-state'
import { useTerminalStore } from '../stores/bound-stores'

type Problem = Extract<Connection, { status: 'keychain-unavailable' }>

/** The terminal cannot work without its keychain, and never falls back to a file: say so, plainly. */
export function KeychainProblem({ connection }: { connection: Problem }) {
  const run = useTerminalStore((s) => s.run)
  const busy = useTerminalStore((s) => s.busy)
  const pinUnreadable = useTerminalStore((s) => s.state?.manager.pinUnreadable ?? false)
  return (
    <section className="panel problem" role="alert" data-testid="keychain-problem">
      <h1>The system keychain is not available</h1>
      <p>{connection.message}</p>
      <p className="message">
        This terminal keeps its signing key only in the operating system&apos;s keychain, never in a
        file, so it cannot take payments until the keychain works.
      </p>
      {pinUnreadable && (
        <p className="message" data-testid="manager-pin-unreadable">
          The manager PIN is kept there too: until the keychain answers, the manager screens, kiosk
          mode and the PIN stay locked.
        </p>
      )}
      <button className="big" disabled={busy} onClick={() => void run('retryKeychain')}>
        Try again
      </button>
    </section>
  )
}
