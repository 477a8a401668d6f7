import type { Connection } from '../../../shared/terminal-state'
import { useTerminalStore } from '../stores/bound-stores'

type Problem = Extract<Connection, { status: 'keychain-unavailable' }>

/** The terminal cannot work without its keychain, and never falls back to a file: say so, plainly. */
export function KeychainProblem({ connection }: { connection: Problem }) {
  const run = useTerminalStore((s) => s.run)
  const busy = useTerminalStore((s) => s.busy)
  return (
    <section className="panel problem" role="alert" data-testid="keychain-problem">
      <h1>The system keychain is not available</h1>
      <p>{connection.message}</p>
      <p className="message">
        This terminal keeps its signing key only in the operating system&apos;s keychain, never in a
        file, so it cannot take payments until the keychain works.
      </p>
      <button className="big" disabled={busy} onClick={() => void run('retryKeychain')}>
        Try again
      </button>
    </section>
  )
}
