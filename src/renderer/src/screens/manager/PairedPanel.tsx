import { useState } from 'react'
import type { Connection } from '../../../../shared/terminal-state'
import { FormResult, type Outcome } from '../../components/FormResult'
import { useLocale, useTranslation } from '../../i18n'
import { useTerminalStore } from '../../stores/bound-stores'
import { useConnectionTestWords } from './connection-test-words'
import { failText } from '../../i18n/fail-words'

type Paired = Extract<Connection, { status: 'paired' }>
type Confirm = 'unpair' | 'rotate' | null

export function PairedPanel({ connection }: { connection: Paired }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const run = useTerminalStore((s) => s.run)
  const busy = useTerminalStore((s) => s.busy)
  const testConnection = useTerminalStore((s) => s.testConnection)
  const connectionTestWords = useConnectionTestWords()
  const [test, setTest] = useState<Outcome | null>(null)
  const [confirm, setConfirm] = useState<Confirm>(null)

  const showConnectionTest = async () => {
    setTest({ ok: true, text: t('paired.testing') })
    const r = await testConnection()
    setTest(r.ok ? connectionTestWords(r.data) : { ok: false, text: failText(r) })
  }

  return (
    <div className="paired" data-testid="paired-panel">
      <h2>{t('paired.title')}</h2>
      <dl className="facts">
        <dt>{t('paired.server')}</dt>
        <dd data-testid="paired-server">{connection.server.url}</dd>
        <dt>{t('paired.terminalName')}</dt>
        <dd>{connection.server.label}</dd>
        <dt>{t('paired.since')}</dt>
        <dd>{new Date(connection.server.pairedAt).toLocaleString(locale)}</dd>
        <dt>{t('paired.sin')}</dt>
        <dd className="mono">{connection.identity.sin}</dd>
      </dl>
      <div className="row">
        <button className="big" onClick={() => void showConnectionTest()}>
          {t('paired.test')}
        </button>
        <FormResult result={test} testId="connection-test" />
      </div>
      {confirm === null ? (
        <div className="row">
          <button className="secondary" onClick={() => setConfirm('unpair')}>
            {t('paired.unpair')}
          </button>
          <button className="secondary" onClick={() => setConfirm('rotate')}>
            {t('paired.newKey')}
          </button>
        </div>
      ) : (
        <div className="confirm" role="alertdialog" aria-label={t('paired.confirm')}>
          <p>{confirm === 'unpair' ? t('paired.unpairQuestion') : t('paired.newKeyQuestion')}</p>
          <div className="row">
            <button
              className="big danger"
              disabled={busy}
              onClick={() =>
                void run(confirm === 'unpair' ? 'unpair' : 'rotateKey').then(() => setConfirm(null))
              }
            >
              {confirm === 'unpair' ? t('paired.yesUnpair') : t('paired.yesNewKey')}
            </button>
            <button className="big secondary" onClick={() => setConfirm(null)}>
              {t('paired.keep')}
            </button>
          </div>
        </div>
      )}
    </div>
  )
}
