import { useState } from 'react'
import type { Connection } from '../../../../shared/terminal-state'
import { FormResult, type Outcome } from '../../components/FormResult'
import { useTerminalStore } from '../../stores/bound-stores'
import { useConnectionTestWords } from './connection-test-words'

type Paired = Extract<Connection, { status: 'paired' }>
type Confirm = 'unpair' | 'rotate' | null

export function PairedPanel({ connection }: { connection: Paired }) {
  const run = useTerminalStore((s) => s.run)
  const busy = useTerminalStore((s) => s.busy)
  const testConnection = useTerminalStore((s) => s.testConnection)
  const connectionTestWords = useConnectionTestWords()
  const [test, setTest] = useState<Outcome | null>(null)
  const [confirm, setConfirm] = useState<Confirm>(null)

  const showConnectionTest = async () => {
    setTest({ ok: true, text: 'Testing…' })
    const r = await testConnection()
    setTest(r.ok ? connectionTestWords(r.data) : { ok: false, text: r.message })
  }

  return (
    <div className="paired" data-testid="paired-panel">
      <h2>Paired with a store</h2>
      <dl className="facts">
        <dt>Server</dt>
        <dd data-testid="paired-server">{connection.server.url}</dd>
        <dt>Terminal name</dt>
        <dd>{connection.server.label}</dd>
        <dt>Paired since</dt>
        <dd>{new Date(connection.server.pairedAt).toLocaleString()}</dd>
        <dt>Terminal id (SIN)</dt>
        <dd className="mono">{connection.identity.sin}</dd>
      </dl>
      <div className="row">
        <button className="big" onClick={() => void showConnectionTest()}>
          Test connection
        </button>
        <FormResult result={test} testId="connection-test" />
      </div>
      {confirm === null ? (
        <div className="row">
          <button className="secondary" onClick={() => setConfirm('unpair')}>
            Unpair…
          </button>
          <button className="secondary" onClick={() => setConfirm('rotate')}>
            New key…
          </button>
        </div>
      ) : (
        <div className="confirm" role="alertdialog" aria-label="Confirm">
          <p>
            {confirm === 'unpair'
              ? 'Unpair this terminal? It forgets its token and key and cannot take payments until paired again.'
              : 'Make a new key? The store will no longer recognise this terminal until it is paired again.'}
          </p>
          <div className="row">
            <button
              className="big danger"
              disabled={busy}
              onClick={() =>
                void run(confirm === 'unpair' ? 'unpair' : 'rotateKey').then(() => setConfirm(null))
              }
            >
              {confirm === 'unpair' ? 'Yes, unpair' : 'Yes, new key'}
            </button>
            <button className="big secondary" onClick={() => setConfirm(null)}>
              Keep as is
            </button>
          </div>
        </div>
      )}
    </div>
  )
}
