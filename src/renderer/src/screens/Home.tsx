import { useTranslation } from '../i18n'
import { useAppStore, useTerminalStore } from '../stores/bound-stores'

export function Home() {
  const { t } = useTranslation()
  const settings = useAppStore((s) => s.settings)
  const error = useAppStore((s) => s.error)
  const go = useAppStore((s) => s.go)
  const connection = useTerminalStore((s) => s.state?.connection)
  const paired = connection?.status === 'paired'
  return (
    <section className="panel center">
      <h1>{settings?.terminalLabel ?? t('home.starting')}</h1>
      {error ? (
        <p className="message error" role="alert">
          {error}
        </p>
      ) : (
        <p className="message" data-testid="home-status">
          {!connection || connection.status === 'starting'
            ? t('home.starting')
            : paired
              ? t('keypad.pairedWith', { server: connection.server.url })
              : t('home.notPaired')}
        </p>
      )}
      {!paired && (
        <button className="big" onClick={() => go('manager')}>
          {t('home.pair')}
        </button>
      )}
    </section>
  )
}
