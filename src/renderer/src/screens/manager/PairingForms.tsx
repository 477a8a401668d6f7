import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { Connection } from '../../../../shared/terminal-state'
import { CopyButton } from '../../components/CopyButton'
import { QrCode } from '../../components/QrCode'
import { useTerminalStore } from '../../stores/bound-stores'

type Method = 'code' | 'request' | 'public-key'
type Unpaired = Extract<Connection, { status: 'unpaired' }>

const methods: { id: Method; title: string; hint: string }[] = [
  {
    id: 'code',
    title: 'Code from BTCPay',
    hint: 'In BTCPay: Store settings › Access Tokens › Create token, then type the code here.',
  },
  {
    id: 'request',
    title: 'Ask BTCPay for approval',
    hint: 'The terminal shows a link; open it on your phone or computer and approve.',
  },
  {
    id: 'public-key',
    title: 'Public key',
    hint: "Paste this terminal's public key into BTCPay's Create token form.",
  },
]

/** The three ways to pair, for a terminal that is not paired yet. */
export function PairingForms({ connection }: { connection: Unpaired }) {
  const [method, setMethod] = useState<Method>('code')
  const [serverUrl, setServerUrl] = useState('')
  const [code, setCode] = useState('')
  const [schemeHint, setSchemeHint] = useState<string | null>(null)
  const { run, busy, error } = useTerminalStore()
  const errorRef = useRef<HTMLParagraphElement>(null)

  useEffect(() => {
    // The answer appears next to the form that caused it, where the manager is looking.
    if (error || schemeHint) errorRef.current?.scrollIntoView({ block: 'nearest' })
  }, [error, schemeHint])

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

  return (
    <div className="pairing">
      {connection.notice && (
        <p className="message notice" role="status" data-testid="pairing-notice">
          {connection.notice}
        </p>
      )}
      <div className="segmented" role="tablist" aria-label="How to pair">
        {methods.map((m) => (
          <button
            key={m.id}
            role="tab"
            type="button"
            aria-selected={method === m.id}
            className={method === m.id ? 'tab active' : 'tab'}
            onClick={() => setMethod(m.id)}
          >
            {m.title}
          </button>
        ))}
      </div>
      <p className="message">{methods.find((m) => m.id === method)?.hint}</p>
      {method === 'public-key' && (
        <div className="public-key">
          <QrCode
            text={connection.identity.publicKeyHex}
            size={200}
            label="Public key as QR code"
          />
          <div>
            <code className="mono key" data-testid="public-key">
              {connection.identity.publicKeyHex}
            </code>
            <CopyButton text={connection.identity.publicKeyHex} label="Copy public key" />
          </div>
        </div>
      )}
      <form className="form" onSubmit={submit}>
        <label>
          BTCPay Server address
          <input
            type="text"
            inputMode="url"
            placeholder="https://btcpay.example.com"
            value={serverUrl}
            required
            autoComplete="off"
            spellCheck={false}
            aria-describedby="server-url-hint"
            onChange={(e) => {
              setServerUrl(e.target.value)
              setSchemeHint(null)
            }}
          />
        </label>
        <div id="server-url-hint" aria-live="polite">
          {schemeHint && (
            <p className="message error" data-testid="scheme-hint">
              A server address starts with https://.{' '}
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setServerUrl(schemeHint)
                  setSchemeHint(null)
                }}
              >
                Use {schemeHint}
              </button>
            </p>
          )}
        </div>
        {method === 'code' && (
          <label>
            Pairing code
            <input
              className="code-field"
              value={code}
              required
              maxLength={7}
              autoComplete="off"
              spellCheck={false}
              placeholder="7 characters"
              onChange={(e) => setCode(e.target.value.trim())}
            />
          </label>
        )}
        <button className="big" type="submit" disabled={busy}>
          {busy
            ? 'Contacting server…'
            : method === 'code'
              ? 'Pair'
              : method === 'request'
                ? 'Get a pairing link'
                : 'Wait for approval'}
        </button>
        <p
          ref={errorRef}
          className={error ? 'message error' : 'message'}
          aria-live="assertive"
          data-testid="pairing-error"
        >
          {error}
        </p>
      </form>
    </div>
  )
}
