import { useState, type FormEvent } from 'react'
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
  const { run, busy } = useTerminalStore()

  const submit = (e: FormEvent) => {
    e.preventDefault()
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
            type="url"
            inputMode="url"
            placeholder="https://btcpay.example.com"
            value={serverUrl}
            required
            autoComplete="off"
            onChange={(e) => setServerUrl(e.target.value)}
          />
        </label>
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
      </form>
    </div>
  )
}
