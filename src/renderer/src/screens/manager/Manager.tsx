import type { PosApi } from '../../../../shared/ipc/pos-api'
import { useTerminalStore } from '../../stores/terminal-store'
import { PairedPanel } from './PairedPanel'
import { PairingForms } from './PairingForms'
import { PairingWait } from './PairingWait'
import { PinPrompt } from './PinPrompt'
import { useAppStore } from '../../stores/app-store'
import { SettingsPanel } from './SettingsPanel'

export function Manager({ api }: { api: PosApi }) {
  const state = useTerminalStore((s) => s.state)
  const error = useTerminalStore((s) => s.error)
  const run = useTerminalStore((s) => s.run)
  const settings = useAppStore((s) => s.settings)
  if (!state) return <p className="message">Loading…</p>
  const { connection, manager, provisioning } = state
  if (manager.pinSet && !manager.unlocked) return <PinPrompt api={api} />

  return (
    <section className="panel" aria-labelledby="manager-title">
      <div className="row spread">
        <h1 id="manager-title">Manager</h1>
        {manager.pinSet && (
          <button className="secondary" onClick={() => void run(() => api.lockManager())}>
            Lock
          </button>
        )}
      </div>
      {provisioning && (
        <p
          className={provisioning.ok ? 'message notice' : 'message error'}
          data-testid="provisioning-result"
        >
          {provisioning.message}
        </p>
      )}
      {connection.status === 'unpaired' && <PairingForms api={api} connection={connection} />}
      {connection.status === 'pairing' && <PairingWait api={api} connection={connection} />}
      {connection.status === 'paired' && <PairedPanel api={api} connection={connection} />}
      {connection.status === 'identity-damaged' && (
        <p className="message error">{connection.message}</p>
      )}
      {settings && <SettingsPanel api={api} settings={settings} />}
      {/* A pairing error stands in the pairing form itself. */}
      {error && connection.status !== 'unpaired' && (
        <p className="message error" role="alert" data-testid="manager-error">
          {error}
        </p>
      )}
    </section>
  )
}
