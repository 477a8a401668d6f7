import { useAppStore, useTerminalStore } from '../stores/bound-stores'

export function Home() {
  const settings = useAppStore((s) => s.settings)
  const error = useAppStore((s) => s.error)
  const go = useAppStore((s) => s.go)
  const connection = useTerminalStore((s) => s.state?.connection)
  const paired = connection?.status === 'paired'
  return (
    <section className="panel center">
      <h1>{settings?.terminalLabel ?? 'Starting…'}</h1>
      {error ? (
        <p className="message error" role="alert">
          {error}
        </p>
      ) : (
        <p className="message" data-testid="home-status">
          {!connection || connection.status === 'starting'
            ? 'Starting…'
            : paired
              ? `Paired with ${connection.server.url}.`
              : 'This terminal is not paired with a BTCPay store yet. A manager can pair it.'}
        </p>
      )}
      {!paired && (
        <button className="big" onClick={() => go('manager')}>
          Pair with a store
        </button>
      )}
    </section>
  )
}
