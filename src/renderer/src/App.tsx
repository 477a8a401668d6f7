import { useEffect } from 'react'
import { pos } from './bridge'
import { About } from './screens/About'
import { Home } from './screens/Home'
import { useAppStore } from './stores/app-store'

export function App() {
  const screen = useAppStore((s) => s.screen)
  const settings = useAppStore((s) => s.settings)
  const go = useAppStore((s) => s.go)
  const init = useAppStore((s) => s.init)

  useEffect(() => (pos ? init(pos) : undefined), [init])

  if (!pos) {
    return (
      <main className="fatal" role="alert">
        <h1>The terminal core is not reachable</h1>
        <p>
          Open this page from the BTCPay Cashier app, or from the URL that `npm run host` prints.
        </p>
      </main>
    )
  }

  return (
    <div className="shell">
      <header className="topbar">
        <span className="terminal-label" data-testid="terminal-label">
          {settings?.terminalLabel ?? 'BTCPay Cashier'}
        </span>
        <nav aria-label="Main">
          <button className={screen === 'home' ? 'tab active' : 'tab'} onClick={() => go('home')}>
            Till
          </button>
          <button className={screen === 'about' ? 'tab active' : 'tab'} onClick={() => go('about')}>
            About
          </button>
        </nav>
      </header>
      <main className="content">{screen === 'about' ? <About api={pos} /> : <Home />}</main>
    </div>
  )
}
