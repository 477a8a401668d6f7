import { useEffect, useState, type FormEvent } from 'react'
import type { ApiKeyView } from '../../../../shared/api-key'
import { Countdown } from '../../components/Countdown'
import { useApiKeyStore } from '../../stores/bound-stores'

type State = ApiKeyView['state']

/**
 * The terminal's Greenfield API key (payment requests, refunds, voids, catalog): authorize it in
 * the browser or paste it, see what it allows, remove it. The key itself never reaches this page.
 */
export function ApiKeyPanel({ defaultServerUrl }: { defaultServerUrl: string }) {
  const view = useApiKeyStore((s) => s.view)
  const error = useApiKeyStore((s) => s.error)
  if (!view) return null
  const { state, notice } = view
  return (
    <div className="api-key" data-testid="api-key-panel">
      <h2>API key</h2>
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
      <p className="message">
        Payment requests, refunds and voids need an API key from BTCPay Server. Approve one in the
        browser, or paste a key made in BTCPay (Account › API Keys).
      </p>
      <label>
        Server of the key
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
        Authorize in the browser
      </button>
      <label>
        Or paste a key
        <input
          type="password"
          value={apiKey}
          autoComplete="off"
          spellCheck={false}
          placeholder="API key"
          data-testid="api-key-input"
          onChange={(e) => setApiKey(e.target.value.trim())}
        />
      </label>
      <button className="big secondary" type="submit" disabled={busy || apiKey === ''}>
        {busy ? 'Checking the key…' : 'Use this key'}
      </button>
    </form>
  )
}

type AuthorizingState = Extract<State, { status: 'authorizing' }>

/** Links this page opened itself, so coming back to Manager does not open another tab. */
const openedHere = new Set<string>()

function Authorizing({ state }: { state: AuthorizingState }) {
  const { cancelApiKey } = useApiKeyStore.getState()
  // Where main could not open a browser (the browser host), this page opens BTCPay in a new tab.
  useEffect(() => {
    if (state.opened || openedHere.has(state.authorizeUrl)) return
    openedHere.add(state.authorizeUrl)
    window.open(state.authorizeUrl, '_blank', 'noopener,noreferrer')
  }, [state.opened, state.authorizeUrl])
  return (
    <div className="authorizing" data-testid="api-key-authorizing">
      <p className="message">
        Approve the terminal in the browser: sign in to BTCPay Server, choose this store and press
        Authorize. This screen continues by itself.
      </p>
      <p>
        <a href={state.authorizeUrl} target="_blank" rel="noopener noreferrer">
          Open the BTCPay page again
        </a>
      </p>
      <Countdown until={state.expiresAt} prefix="Time left:" />
      <button className="big secondary" onClick={() => void cancelApiKey()}>
        Cancel
      </button>
    </div>
  )
}

function ChooseStore({ stores }: { stores: string[] }) {
  const busy = useApiKeyStore((s) => s.busy)
  const { chooseApiKeyStore, cancelApiKey } = useApiKeyStore.getState()
  const [storeId, setStoreId] = useState('')
  const choose = (id: string) => void chooseApiKeyStore({ storeId: id })
  return (
    <div className="choose-store" data-testid="api-key-choose-store">
      {stores.length > 0 ? (
        <>
          <p className="message">The key works in several stores. Which one is this till&apos;s?</p>
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
          <p className="message">
            The key is not limited to one store. Enter this till&apos;s store id (BTCPay: Store
            settings › General › Store ID).
          </p>
          <label>
            Store id
            <input
              value={storeId}
              required
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setStoreId(e.target.value.trim())}
            />
          </label>
          <button className="big" type="submit" disabled={busy}>
            Use this store
          </button>
        </form>
      )}
      <button className="big secondary" onClick={() => void cancelApiKey()}>
        Cancel
      </button>
    </div>
  )
}

type Ready = Extract<State, { status: 'ready' }>

function KeyFacts({ state }: { state: Ready }) {
  const busy = useApiKeyStore((s) => s.busy)
  const { removeApiKey } = useApiKeyStore.getState()
  const [confirm, setConfirm] = useState(false)
  const allowed = state.capabilities.filter((c) => c.missing.length === 0)
  const missing = state.capabilities.filter((c) => c.missing.length > 0)
  return (
    <div data-testid="api-key-ready">
      <dl className="facts">
        <dt>Server</dt>
        <dd>{state.serverUrl}</dd>
        <dt>Store</dt>
        <dd className="mono" data-testid="api-key-store">
          {state.storeId}
        </dd>
        {state.label && (
          <>
            <dt>Key name</dt>
            <dd>{state.label}</dd>
          </>
        )}
      </dl>
      <h3>With this key the terminal may</h3>
      <ul data-testid="api-key-allows">
        {allowed.map((c) => (
          <li key={c.words}>{c.words}</li>
        ))}
        {allowed.length === 0 && <li>nothing the terminal uses</li>}
      </ul>
      {missing.length > 0 && (
        <>
          <h3>It may not</h3>
          <ul data-testid="api-key-missing">
            {missing.map((c) => (
              <li key={c.words}>
                {c.words} <span className="mono">(needs {c.missing.join(', ')})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {confirm ? (
        <div className="confirm" role="alertdialog" aria-label="Confirm">
          <p>Remove the key? BTCPay Server is asked to revoke it, then the terminal forgets it.</p>
          <div className="row">
            <button
              className="big danger"
              disabled={busy}
              onClick={() => void removeApiKey().then(() => setConfirm(false))}
            >
              Yes, remove the key
            </button>
            <button className="big secondary" onClick={() => setConfirm(false)}>
              Keep it
            </button>
          </div>
        </div>
      ) : (
        <button className="secondary" onClick={() => setConfirm(true)}>
          Remove key…
        </button>
      )}
    </div>
  )
}
