import { useEffect, useState } from 'react'
import { coreReachable } from './bridge'
import { applyLanguage, useTranslation } from './i18n'
import { PaidAfterCancelNotice } from './components/PaidAfterCancelNotice'
import { VoidNotice } from './screens/refunds/VoidNotice'
import { ScanAnywhere } from './catalog/ScanAnywhere'
import { useLongPress } from './kiosk/long-press'
import { ManagerExit } from './kiosk/ManagerExit'
import { followTillFocus } from './kiosk/till-focus'
import { About } from './screens/About'
import { History } from './screens/history/History'
import { KeychainProblem } from './screens/KeychainProblem'
import { Manager } from './screens/manager/Manager'
import { PaymentRequests } from './screens/payment-requests/PaymentRequests'
import { Shift } from './screens/shift/Shift'
import { ParkedCarts } from './screens/till/ParkedCarts'
import { Till } from './screens/till/Till'
import { startStores, useAppStore, useTerminalStore } from './stores/bound-stores'

const tabs = [
  { id: 'home', label: 'nav.till' },
  { id: 'requests', label: 'nav.requests' },
  { id: 'shift', label: 'nav.shift' },
  { id: 'history', label: 'nav.history' },
  { id: 'manager', label: 'nav.manager' },
  { id: 'about', label: 'nav.about' },
] as const

export function App() {
  const { t } = useTranslation()
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

  useEffect(() => applyLanguage(settings?.language ?? 'system'), [settings?.language])

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
        <h1>{t('app.coreUnreachable')}</h1>
        <p>{t('app.coreUnreachableHelp')}</p>
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
    ) : screen === 'shift' ? (
      <Shift />
    ) : screen === 'requests' ? (
      <PaymentRequests />
    ) : screen === 'history' ? (
      <History />
    ) : (
      <Till />
    )

  return (
    <div className="shell">
      {demo && (
        <p className="demo-banner" role="note" data-testid="demo-banner">
          {t('app.demoBanner')}
        </p>
      )}
      <header className="topbar">
        <span
          className="terminal-label"
          data-testid="terminal-label"
          dir="auto"
          {...managerGesture}
        >
          {settings?.terminalLabel ?? t('app.name')}
        </span>
        <ParkedCarts />
        <nav aria-label={t('nav.label')}>
          {tabs.map((tab) => (
            <button
              key={tab.id}
              className={screen === tab.id ? 'tab active' : 'tab'}
              aria-current={screen === tab.id ? 'page' : undefined}
              onClick={() => go(tab.id)}
            >
              {t(tab.label)}
            </button>
          ))}
        </nav>
      </header>
      <PaidAfterCancelNotice />
      <VoidNotice />
      <ScanAnywhere />
      <main className="content">{body}</main>
      {managerExit && <ManagerExit onClose={() => setManagerExit(false)} />}
    </div>
  )
}
