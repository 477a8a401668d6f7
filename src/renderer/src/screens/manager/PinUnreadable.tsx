import { useTranslation } from '../../i18n'
import { useTerminalStore } from '../../stores/bound-stores'

/** The keychain did not say whether a PIN is set: the manager screens stay shut until it does. */
export function PinUnreadable() {
  const { t } = useTranslation()
  const { run, busy, error } = useTerminalStore()
  return (
    <section className="panel problem" role="alert" data-testid="pin-unreadable">
      <h1>{t('pinUnreadable.title')}</h1>
      <p>{t('pinUnreadable.why')}</p>
      <p className="message">{t('pinUnreadable.todo')}</p>
      <button className="big" disabled={busy} onClick={() => void run('retryKeychain')}>
        {t('common.tryAgain')}
      </button>
      {error && <p className="message error">{error}</p>}
    </section>
  )
}
