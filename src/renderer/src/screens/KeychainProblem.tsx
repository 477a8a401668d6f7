import type { Connection } from '../../../shared/terminal-state'
import { useTranslation, type TranslationKey } from '../i18n'
import { useTerminalStore } from '../stores/bound-stores'

type Problem = Extract<Connection, { status: 'keychain-unavailable' }>

/** Why the keychain cannot be used, in the screen's language (main's `message` is English). */
const reasonWords: Record<Problem['reason'], TranslationKey> = {
  'no-secret-service': 'keychain.noSecretService',
  locked: 'keychain.locked',
  error: 'keychain.error',
}

/** The terminal cannot work without its keychain, and never falls back to a file: say so, plainly. */
export function KeychainProblem({ connection }: { connection: Problem }) {
  const { t } = useTranslation()
  const run = useTerminalStore((s) => s.run)
  const busy = useTerminalStore((s) => s.busy)
  const pinUnreadable = useTerminalStore((s) => s.state?.manager.pinUnreadable ?? false)
  return (
    <section className="panel problem" role="alert" data-testid="keychain-problem">
      <h1>{t('keychain.title')}</h1>
      <p>{t(reasonWords[connection.reason])}</p>
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
