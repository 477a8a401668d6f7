import { useState } from 'react'
import { FormResult } from '../../components/FormResult'
import { useLocale, useTranslation } from '../../i18n'
import { sentencesWords } from '../../i18n/fail-words'
import { useApiKeyStore, useAppStore, useTerminalStore } from '../../stores/bound-stores'
import { ApiKeyPanel } from './ApiKeyPanel'
import { CatalogPanel } from './CatalogPanel'
import { JournalProblemsPanel } from './JournalProblemsPanel'
import { PairedPanel } from './PairedPanel'
import { PairingForms } from './PairingForms'
import { PairingWait } from './PairingWait'
import { PinPanel } from './PinPanel'
import { PinPrompt } from './PinPrompt'
import { PinSetup, type PinChange } from './PinSetup'
import { PinUnreadable } from './PinUnreadable'
import { ReceiptSettingsPanel } from './ReceiptSettingsPanel'
import { SettingsPanel } from './SettingsPanel'

export function Manager() {
  const { t } = useTranslation()
  const locale = useLocale()
  const state = useTerminalStore((s) => s.state)
  const error = useTerminalStore((s) => s.error)
  const run = useTerminalStore((s) => s.run)
  const settings = useAppStore((s) => s.settings)
  // The catalog is read with the API key, paired or not.
  const hasKey = useApiKeyStore((s) => s.view?.state.status === 'ready')
  const [pinChange, setPinChange] = useState<PinChange | null>(null)
  if (!state) return <p className="message">{t('common.loading')}</p>
  const { connection, manager, provisioning } = state
  if (manager.pinUnreadable) return <PinUnreadable />
  if (manager.pinSet && !manager.unlocked) return <PinPrompt />
  if (pinChange) return <PinSetup change={pinChange} onClose={() => setPinChange(null)} />

  return (
    <section className="panel" aria-labelledby="manager-title">
      <div className="row spread">
        <h1 id="manager-title">{t('nav.manager')}</h1>
        {manager.pinSet && (
          <button className="secondary" onClick={() => void run('lockManager')}>
            {t('manager.lock')}
          </button>
        )}
      </div>
      <FormResult
        result={
          provisioning && {
            ok: provisioning.ok,
            text: sentencesWords(provisioning.words, t, locale),
          }
        }
        testId="provisioning-result"
      />
      <PinPanel pinSet={manager.pinSet} onChange={setPinChange} />
      {connection.status === 'unpaired' && <PairingForms connection={connection} />}
      {connection.status === 'pairing' && <PairingWait connection={connection} />}
      {connection.status === 'paired' && <PairedPanel connection={connection} />}
      {connection.status === 'identity-damaged' && (
        <p className="message error">{t('failed.identityDamaged')}</p>
      )}
      {connection.status !== 'keychain-unavailable' && (
        <ApiKeyPanel
          defaultServerUrl={connection.status === 'paired' ? connection.server.url : ''}
        />
      )}
      <JournalProblemsPanel />
      {hasKey && <CatalogPanel />}
      {settings && <SettingsPanel settings={settings} />}
      {settings && <ReceiptSettingsPanel settings={settings} />}
      {/* A pairing error stands in the pairing form itself. */}
      {error && connection.status !== 'unpaired' && (
        <p className="message error" role="alert" data-testid="manager-error">
          {error}
        </p>
      )}
    </section>
  )
}
