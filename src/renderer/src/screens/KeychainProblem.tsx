import type { Connection } from '../../../shared/terminal-state'
import { useTranslation } from '../i18n'
import { useTerminalStore } from '../stores/bound-stores'

type Problem = Extract<Connection, { status: 'keychain-unavailable' }>

/** The terminal cannot work without its keychain, and never falls back to a file: say so, plainly. */
export function KeychainProblem({ connection }: { connection: Problem }) {
  const { t } = useTranslation()
  const run = useTerminalStore((s) => s.run)
  const busy = useTerminalStore((s) => s.busy)
  const pinUnreadable = useTerminalStore((s) => s.state?.manager.pinUnreadable ?? false)
  return (
    <section className="panel problem" role="alert" data-testid="keychain-problem">
      <h1>{t('keychain.title')}</h1>
      <p>{connection.message}</p>
      <p className="message">{t('keychain.why')}</p>
      {pinUnreadable && (
        <p className="message" data-testid="manager-pin-unreadable">
          {t('keychain.pin')}
        </p>
      )}
      <button className="big" disabled={busy} onClick={() => void run('retryKeychain')}>
        {t('common.tryAgain')}
      </button>
    </section>
  )
}
