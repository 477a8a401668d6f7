import { useEffect } from 'react'
import { pos } from './bridge'
import { About } from './screens/About'
import { History } from './screens/history/History'
import { KeychainProblem } from './screens/KeychainProblem'
import { Manager } from './screens/manager/Manager'
import { Till } from './screens/till/Till'
import { useAppStore } from './stores/app-store'
import { useSalesStore } from './stores/sales-store'
import { useTerminalStore } from './stores/terminal-store'

const tabs = [
  { id: 'home', label: 'Till' },
  { id: 'history', label: 'History' },
  { id: 'manager', label: 'Manager' },
  { id: 'about', label: 'About' },
] as const

export function App() {
  const screen = useAppStore((s) => s.screen)
  const demo = useAppStore((s) => s.info?.demo ?? false)
  const settings = useAppStore((s) => s.settings)
  const go = useAppStore((s) => s.go)
  const initApp = useAppStore((s) => s.init)
  const initTerminal = useTerminalStore((s) => s.init)
  const initSales = useSalesStore((s) => s.init)
  const connection = useTerminalStore((s) => s.state?.connection)

  useEffect(() => {
    // styles.css picks light or dark from this; without it the system decides.
    const theme = settings?.theme ?? 'system'
    if (theme === 'system') delete document.documentElement.dataset.theme
    else document.documentElement.dataset.theme = theme
  }, [settings?.theme])

  useEffect(() => {
    if (!pos) return undefined
    const offApp = initApp(pos)
    const offTerminal = initTerminal(pos)
    const offSales = initSales(pos)
    return () => {
      offApp()
      offTerminal()
      offSales()
    }
  }, [initApp, initTerminal, initSales])

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

  const body =
    connection?.status === 'keychain-unavailable' && screen !== 'about' ? (
      <KeychainProblem api={pos} connection={connection} />
    ) : screen === 'about' ? (
      <About api={pos} />
    ) : screen === 'manager' ? (
      <Manager api={pos} />
    ) : screen === 'history' ? (
      <History api={pos} />
    ) : (
      <Till api={pos} />
    )

  return (
    <div className="shell">
      {demo && (
        <p className="demo-banner" role="note" data-testid="demo-banner">
          DEMO — connected to the project&apos;s BTCPay test server; payments are simulated
        </p>
      )}
      <header className="topbar">
        <span className="terminal-label" data-testid="terminal-label">
          {settings?.terminalLabel ?? 'BTCPay Cashier'}
        </span>
        <nav aria-label="Main">
          {tabs.map((t) => (
            <button
              key={t.id}
              className={screen === t.id ? 'tab active' : 'tab'}
              aria-current={screen === t.id ? 'page' : undefined}
              onClick={() => go(t.id)}
            >
              {t.label}
            </button>
          ))}
        </nav>
      </header>
      <main className="content">{body}</main>
    </div>
  )
}
