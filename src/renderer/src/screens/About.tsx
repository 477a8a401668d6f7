import { useLocale, useTranslation } from '../i18n'
import { useAppStore } from '../stores/bound-stores'

export function About() {
  const { t } = useTranslation()
  const locale = useLocale()
  const info = useAppStore((s) => s.info)
  const settings = useAppStore((s) => s.settings)
  const error = useAppStore((s) => s.error)
  const lastCheckMs = useAppStore((s) => s.lastCheckMs)
  const checking = useAppStore((s) => s.checking)
  const checkConnection = useAppStore((s) => s.checkConnection)

  return (
    <section className="panel" aria-labelledby="about-title">
      <h1 id="about-title">{t('about.title')}</h1>
      {info ? (
        <dl className="facts" data-testid="app-info">
          <dt>{t('about.app')}</dt>
          <dd>
            {info.name} {info.version}
          </dd>
          <dt>{t('about.runningIn')}</dt>
          <dd data-testid="host-kind">
            {info.host === 'electron' ? t('about.desktop') : t('about.browser')}
          </dd>
          <dt>{t('about.system')}</dt>
          <dd>{info.platform}</dd>
          <dt>{t('about.dataDir')}</dt>
          <dd className="mono">{info.dataDir}</dd>
          <dt>{t('about.started')}</dt>
          <dd>{new Date(info.startedAt).toLocaleString(locale)}</dd>
          {settings && (
            <>
              <dt>{t('totals.currency')}</dt>
              <dd>{settings.currency}</dd>
              <dt>{t('about.checkout')}</dt>
              <dd>
                {settings.checkoutMode === 'native'
                  ? t('settings.checkoutNative')
                  : t('settings.checkoutEmbedded')}
              </dd>
            </>
          )}
        </dl>
      ) : (
        !error && <p className="message">{t('common.loading')}</p>
      )}
      <div className="row">
        <button className="big" onClick={() => void checkConnection()} disabled={checking}>
          {checking ? t('about.checking') : t('about.check')}
        </button>
        <p className="message" role="status" data-testid="connection-status">
          {error
            ? error
            : lastCheckMs !== null
              ? t('about.answered', { ms: lastCheckMs.toLocaleString(locale) })
              : ''}
        </p>
      </div>
    </section>
  )
}
