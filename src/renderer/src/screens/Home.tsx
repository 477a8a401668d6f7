import { useAppStore } from '../stores/app-store'

export function Home() {
  const settings = useAppStore((s) => s.settings)
  const error = useAppStore((s) => s.error)
  const go = useAppStore((s) => s.go)
  return (
    <section className="panel center">
      <h1>{settings?.terminalLabel ?? 'Starting…'}</h1>
      {error ? (
        <p className="message error" role="alert">
          {error}
        </p>
      ) : (
        <p className="message">This terminal is not paired with a BTCPay store yet.</p>
      )}
      <button className="big secondary" onClick={() => go('about')}>
        About this terminal
      </button>
    </section>
  )
}
