import { useEffect, useState } from 'react'
import { coreReachable } from './bridge'
import { PaidAfterCancelNotice } from './components/PaidAfterCancelNotice'
import { useLongPress } from './kiosk/long-press'
import { ManagerExit } from './kiosk/ManagerExit'
import { followTillFocus } from './kiosk/till-focus'
import { About } from './screens/About'
import { History } from './screens/history/History'
import { KeychainProblem } from './screens/KeychainProblem'
import { Manager } from './screens/manager/Manager'
import { Till } from './screens/till/Till'
import { startStores, useAppStore, useTerminalStore } from './stores/bound-stores'

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
  const connection = useTerminalStore((s) => s.state?.connection)
  const [managerExit, setManagerExit] = useState(false)
  const managerGesture = useLongPress(() => setManagerExit(true))

  useEffect(() => {
    // styles.css picks light or dark from this; without it the system decides.
    const theme = settings?.theme ?? 'system'
    if (theme === 'system') delete document.documentElement.dataset.theme
    else document.documentElement.dataset.theme = theme
  }, [settings?.theme])

  useEffect(() => {
    if (!coreReachable) return undefined
    const stopStores = startStores()
    const stopFocus = followTillFocus()
    return () => {
      stopFocus()
      stopStores()
    }
  }, [])

  if (!coreReachable) {
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
      <KeychainProblem connection={connection} />
    ) : screen === 'about' ? (
      <About />
    ) : screen === 'manager' ? (
      <Manager />
    ) : screen === 'history' ? (
      <History />
    ) : (
      <Till />
    )

  return (
    <div className="shell">
      {demo && (
        <p className="demo-banner" role="note" data-testid="demo-banner">
          DEMO — connected to the project&apos;s BTCPay test server; payments are simulated
        </p>
      )}
      <header className="topbar">
        <span className="terminal-label" data-testid="terminal-label" {...managerGesture}>
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
      <PaidAfterCancelNotice />
      <main className="content">{body}</main>
      {managerExit && <ManagerExit onClose={() => setManagerExit(false)} />}
    </div>
  )
}
