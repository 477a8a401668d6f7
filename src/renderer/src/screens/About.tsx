import { useAppStore } from '../stores/bound-stores'

export function About() {
  const info = useAppStore((s) => s.info)
  const settings = useAppStore((s) => s.settings)
  const error = useAppStore((s) => s.error)
  const lastCheckMs = useAppStore((s) => s.lastCheckMs)
  const checking = useAppStore((s) => s.checking)
  const checkConnection = useAppStore((s) => s.checkConnection)

  return (
    <section className="panel" aria-labelledby="about-title">
      <h1 id="about-title">About this terminal</h1>
      {info ? (
        <dl className="facts" data-testid="app-info">
          <dt>App</dt>
          <dd>
            {info.name} {info.version}
          </dd>
          <dt>Running in</dt>
          <dd data-testid="host-kind">
            {info.host === 'electron' ? 'Desktop app' : 'Browser host'}
          </dd>
          <dt>System</dt>
          <dd>{info.platform}</dd>
          <dt>Data folder</dt>
          <dd className="mono">{info.dataDir}</dd>
          <dt>Started</dt>
          <dd>{new Date(info.startedAt).toLocaleString()}</dd>
          {settings && (
            <>
              <dt>Currency</dt>
              <dd>{settings.currency}</dd>
              <dt>Checkout</dt>
              <dd>
                {settings.checkoutMode === 'native'
                  ? 'QR code on this screen'
                  : 'BTCPay checkout page'}
              </dd>
            </>
          )}
        </dl>
      ) : (
        !error && <p className="message">Loading…</p>
      )}
      <div className="row">
        <button className="big" onClick={() => void checkConnection()} disabled={checking}>
          {checking ? 'Checking…' : 'Check connection'}
        </button>
        <p className="message" role="status" data-testid="connection-status">
          {error
            ? error
            : lastCheckMs !== null
              ? `Terminal core answered in ${lastCheckMs} ms`
              : ''}
        </p>
      </div>
    </section>
  )
}
