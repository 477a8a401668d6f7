import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { Connection } from '../../../../shared/terminal-state'
import { CopyButton } from '../../components/CopyButton'
import { FieldError } from '../../components/FieldError'
import { QrCode } from '../../components/QrCode'
import { useLocale, useTranslation, type TranslationKey } from '../../i18n'
import { wordsOr } from '../../i18n/fail-words'
import { useTerminalStore } from '../../stores/bound-stores'

type Method = 'code' | 'request' | 'public-key'
type Unpaired = Extract<Connection, { status: 'unpaired' }>

const methods: { id: Method; title: TranslationKey; hint: TranslationKey }[] = [
  { id: 'code', title: 'pairing.methodCode', hint: 'pairing.methodCodeHint' },
  { id: 'request', title: 'pairing.methodRequest', hint: 'pairing.methodRequestHint' },
  { id: 'public-key', title: 'pairing.methodPublicKey', hint: 'pairing.methodPublicKeyHint' },
]

/** The three ways to pair, for a terminal that is not paired yet. */
export function PairingForms({ connection }: { connection: Unpaired }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const [method, setMethod] = useState<Method>('code')
  const [serverUrl, setServerUrl] = useState('')
  const [code, setCode] = useState('')
  const [schemeHint, setSchemeHint] = useState<string | null>(null)
  const { run, busy, error, errorField } = useTerminalStore()
  const errorRef = useRef<HTMLParagraphElement>(null)
  // Main named the field: the sentence stands under it. Otherwise under the form's button.
  const fieldError = (field: 'serverUrl' | 'pairingCode') => (errorField === field ? error : null)
  const formError = errorField === 'serverUrl' || errorField === 'pairingCode' ? null : error

  useEffect(() => {
    // The answer appears next to the form that caused it, where the manager is looking.
    if (formError || schemeHint) errorRef.current?.scrollIntoView({ block: 'nearest' })
  }, [formError, schemeHint])

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const address = serverUrl.trim()
    if (address !== '' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(address)) {
      // "btcpay.example.com": offer the secure address instead of refusing it.
      setSchemeHint(`https://${address}`)
      return
    }
    setSchemeHint(null)
    void (method === 'code'
      ? run('pairWithCode', { serverUrl, pairingCode: code })
      : method === 'request'
        ? run('requestPairingCode', { serverUrl })
        : run('pairWithPublicKey', { serverUrl }))
  }
  const chosen = methods.find((m) => m.id === method)

  return (
    <div className="pairing">
      {connection.notice && (
        <p className="message notice" role="status" data-testid="pairing-notice">
          {wordsOr(connection.noticeWords, connection.notice, t, locale)}
        </p>
      )}
      <div className="segmented" role="tablist" aria-label={t('pairing.how')}>
        {methods.map((m) => (
          <button
            key={m.id}
            role="tab"
            type="button"
            aria-selected={method === m.id}
            className={method === m.id ? 'tab active' : 'tab'}
            onClick={() => setMethod(m.id)}
          >
            {t(m.title)}
          </button>
        ))}
      </div>
      {chosen && <p className="message">{t(chosen.hint)}</p>}
      {method === 'public-key' && (
        <div className="public-key">
          <QrCode
            text={connection.identity.publicKeyHex}
            size={200}
            label={t('pairing.publicKeyQr')}
          />
          <div>
            <code className="mono key" data-testid="public-key">
              {connection.identity.publicKeyHex}
            </code>
            <CopyButton text={connection.identity.publicKeyHex} label={t('pairing.copyKey')} />
          </div>
        </div>
      )}
      <form className="form" onSubmit={submit}>
        <label>
          {t('pairing.serverUrl')}
          <input
            type="text"
            inputMode="url"
            placeholder="https://btcpay.example.com"
            value={serverUrl}
            required
            autoComplete="off"
            spellCheck={false}
            aria-invalid={fieldError('serverUrl') !== null}
            aria-describedby="server-url-hint pairing-error-serverUrl"
            onChange={(e) => {
              setServerUrl(e.target.value)
              setSchemeHint(null)
            }}
          />
        </label>
        <div id="server-url-hint" aria-live="polite">
          {schemeHint && (
            <p className="message error" data-testid="scheme-hint">
              {t('pairing.schemeHint')}{' '}
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setServerUrl(schemeHint)
                  setSchemeHint(null)
                }}
              >
                {t('pairing.useAddress', { address: schemeHint })}
              </button>
            </p>
          )}
        </div>
        <FieldError id="pairing-error-serverUrl" text={fieldError('serverUrl')} />
        {method === 'code' && (
          <>
            <label>
              {t('pairing.code')}
              <input
                className="code-field"
                value={code}
                required
                maxLength={7}
                autoComplete="off"
                spellCheck={false}
                placeholder={t('pairing.codePlaceholder')}
                aria-invalid={fieldError('pairingCode') !== null}
                aria-describedby="pairing-error-pairingCode"
                onChange={(e) => setCode(e.target.value.trim())}
              />
            </label>
            <FieldError id="pairing-error-pairingCode" text={fieldError('pairingCode')} />
          </>
        )}
        <button className="big" type="submit" disabled={busy}>
          {busy
            ? t('pairing.contacting')
            : method === 'code'
              ? t('pairing.pair')
              : method === 'request'
                ? t('pairing.getLink')
                : t('pairing.waitForApproval')}
        </button>
        <p
          ref={errorRef}
          className={formError ? 'message error' : 'message'}
          aria-live="assertive"
          data-testid="pairing-error"
        >
          {formError}
        </p>
      </form>
    </div>
  )
}
