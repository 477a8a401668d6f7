import { useEffect, useState, type FormEvent } from 'react'
import type { ApiKeyView } from '../../../../shared/api-key'
import { Countdown } from '../../components/Countdown'
import { useTranslation } from '../../i18n'
import { useApiKeyStore } from '../../stores/bound-stores'
import { capabilityWords } from './capability-words'

type State = ApiKeyView['state']

/**
 * The terminal's Greenfield API key (payment requests, refunds, voids, catalog): authorize it in
 * the browser or paste it, see what it allows, remove it. The key itself never reaches this page.
 */
export function ApiKeyPanel({ defaultServerUrl }: { defaultServerUrl: string }) {
  const { t } = useTranslation()
  const view = useApiKeyStore((s) => s.view)
  const error = useApiKeyStore((s) => s.error)
  if (!view) return null
  const { state, notice } = view
  return (
    <div className="api-key" data-testid="api-key-panel">
      <h2>{t('apiKey.title')}</h2>
      {notice && (
        <p className="message notice" role="status" data-testid="api-key-notice">
          {notice}
        </p>
      )}
      {state.status === 'none' && <AddKey defaultServerUrl={defaultServerUrl} />}
      {state.status === 'authorizing' && <Authorizing state={state} />}
      {state.status === 'choose-store' && <ChooseStore stores={state.stores} />}
      {state.status === 'ready' && <KeyFacts state={state} />}
      {error && (
        <p className="message error" role="alert" data-testid="api-key-error">
          {error}
        </p>
      )}
    </div>
  )
}

function AddKey(props: { defaultServerUrl: string }) {
  const { t } = useTranslation()
  const busy = useApiKeyStore((s) => s.busy)
  const { pasteApiKey, authorizeApiKey } = useApiKeyStore.getState()
  const [serverUrl, setServerUrl] = useState(props.defaultServerUrl)
  const [apiKey, setApiKey] = useState('')
  const paste = (e: FormEvent) => {
    e.preventDefault()
    void pasteApiKey({ serverUrl, apiKey }).then((ok) => ok && setApiKey(''))
  }
  return (
    <form className="form" onSubmit={paste}>
      <p className="message">{t('apiKey.why')}</p>
      <label>
        {t('apiKey.server')}
        <input
          type="url"
          inputMode="url"
          placeholder="https://btcpay.example.com"
          value={serverUrl}
          required
          autoComplete="off"
          onChange={(e) => setServerUrl(e.target.value)}
        />
      </label>
      <button
        className="big"
        type="button"
        disabled={busy || serverUrl.trim() === ''}
        onClick={() => void authorizeApiKey({ serverUrl })}
      >
        {t('apiKey.authorize')}
      </button>
      <label>
        {t('apiKey.paste')}
        <input
          type="password"
          value={apiKey}
          autoComplete="off"
          spellCheck={false}
          placeholder={t('apiKey.title')}
          data-testid="api-key-input"
          onChange={(e) => setApiKey(e.target.value.trim())}
        />
      </label>
      <button className="big secondary" type="submit" disabled={busy || apiKey === ''}>
        {busy ? t('apiKey.checking') : t('apiKey.use')}
      </button>
    </form>
  )
}

type AuthorizingState = Extract<State, { status: 'authorizing' }>

/** Links this page opened itself, so coming back to Manager does not open another tab. */
const openedHere = new Set<string>()

function Authorizing({ state }: { state: AuthorizingState }) {
  const { t } = useTranslation()
  const { cancelApiKey } = useApiKeyStore.getState()
  // Where main could not open a browser (the browser host), this page opens BTCPay in a new tab.
  useEffect(() => {
    if (state.opened || openedHere.has(state.authorizeUrl)) return
    openedHere.add(state.authorizeUrl)
    window.open(state.authorizeUrl, '_blank', 'noopener,noreferrer')
  }, [state.opened, state.authorizeUrl])
  return (
    <div className="authorizing" data-testid="api-key-authorizing">
      <p className="message">{t('apiKey.approveHow')}</p>
      <p>
        <a href={state.authorizeUrl} target="_blank" rel="noopener noreferrer">
          {t('apiKey.openAgain')}
        </a>
      </p>
      <Countdown until={state.expiresAt} label={(time) => t('apiKey.timeLeft', { time })} />
      <button className="big secondary" onClick={() => void cancelApiKey()}>
        Cancel
      </button>
    </div>
  )
}

function ChooseStore({ stores }: { stores: string[] }) {
  const { t } = useTranslation()
  const busy = useApiKeyStore((s) => s.busy)
  const { chooseApiKeyStore, cancelApiKey } = useApiKeyStore.getState()
  const [storeId, setStoreId] = useState('')
  const choose = (id: string) => void chooseApiKeyStore({ storeId: id })
  return (
    <div className="choose-store" data-testid="api-key-choose-store">
      {stores.length > 0 ? (
        <>
          <p className="message">{t('apiKey.whichStore')}</p>
          <div className="row">
            {stores.map((s) => (
              <button key={s} className="big mono" disabled={busy} onClick={() => choose(s)}>
                {s}
              </button>
            ))}
          </div>
        </>
      ) : (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault()
            choose(storeId)
          }}
        >
          <p className="message">{t('apiKey.enterStore')}</p>
          <label>
            {t('apiKey.storeId')}
            <input
              value={storeId}
              required
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setStoreId(e.target.value.trim())}
            />
          </label>
          <button className="big" type="submit" disabled={busy}>
            {t('apiKey.useStore')}
          </button>
        </form>
      )}
      <button className="big secondary" onClick={() => void cancelApiKey()}>
        {t('common.cancel')}
      </button>
    </div>
  )
}

type Ready = Extract<State, { status: 'ready' }>

function KeyFacts({ state }: { state: Ready }) {
  const { t } = useTranslation()
  const busy = useApiKeyStore((s) => s.busy)
  const { removeApiKey } = useApiKeyStore.getState()
  const [confirm, setConfirm] = useState(false)
  const allowed = state.capabilities.filter((c) => c.missing.length === 0)
  const missing = state.capabilities.filter((c) => c.missing.length > 0)
  return (
    <div data-testid="api-key-ready">
      <dl className="facts">
        <dt>{t('apiKey.serverLabel')}</dt>
        <dd>{state.serverUrl}</dd>
        <dt>{t('apiKey.store')}</dt>
        <dd className="mono" data-testid="api-key-store">
          {state.storeId}
        </dd>
        {state.label && (
          <>
            <dt>{t('apiKey.name')}</dt>
            <dd>{state.label}</dd>
          </>
        )}
      </dl>
      <h3>{t('apiKey.allows')}</h3>
      <ul data-testid="api-key-allows">
        {allowed.map((c) => (
          <li key={c.id}>{t(capabilityWords[c.id])}</li>
        ))}
        {allowed.length === 0 && <li>{t('apiKey.allowsNothing')}</li>}
      </ul>
      {missing.length > 0 && (
        <>
          <h3>{t('apiKey.mayNot')}</h3>
          <ul data-testid="api-key-missing">
            {missing.map((c) => (
              <li key={c.id}>
                {t(capabilityWords[c.id])}{' '}
                <span className="mono">
                  {t('apiKey.needs', { permissions: c.missing.join(', ') })}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {confirm ? (
        <div className="confirm" role="alertdialog" aria-label={t('apiKey.confirm')}>
          <p>{t('apiKey.removeQuestion')}</p>
          <div className="row">
            <button
              className="big danger"
              disabled={busy}
              onClick={() => void removeApiKey().then(() => setConfirm(false))}
            >
              {t('apiKey.removeYes')}
            </button>
            <button className="big secondary" onClick={() => setConfirm(false)}>
              {t('apiKey.keep')}
            </button>
          </div>
        </div>
      ) : (
        <button className="secondary" onClick={() => setConfirm(true)}>
          {t('apiKey.remove')}
        </button>
      )}
    </div>
  )
}
