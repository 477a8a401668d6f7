import type { Connection } from '../../../../shared/terminal-state'
import { CopyButton } from '../../components/CopyButton'
import { Countdown } from '../../components/Countdown'
import { QrCode } from '../../components/QrCode'
import { useTerminalStore } from '../../stores/bound-stores'

type Pairing = Extract<Connection, { status: 'pairing' }>

/** Waiting for the manager to approve on the server: link or key, countdown, cancel. */
export function PairingWait({ connection }: { connection: Pairing }) {
  const { pairing, identity } = connection
  const run = useTerminalStore((s) => s.run)
  const shown = pairing.method === 'client-code' ? pairing.approvalUrl : identity.publicKeyHex
  return (
    <div className="pairing-wait" data-testid="pairing-wait">
      <h2>
        {pairing.method === 'client-code'
          ? 'Approve this terminal in BTCPay'
          : "Add this terminal's key in BTCPay"}
      </h2>
      <p className="message">
        {pairing.method === 'client-code'
          ? `Open the link below (or scan it with your phone), sign in to BTCPay and approve pairing code ${pairing.pairingCode ?? ''}.`
          : `In BTCPay on ${pairing.serverUrl}: Store settings › Access Tokens › Create token, paste the public key below, and save.`}
      </p>
      {shown && (
        <div className="public-key">
          <QrCode
            text={shown}
            size={220}
            label={
              pairing.method === 'client-code'
                ? 'Approval link as QR code'
                : 'Public key as QR code'
            }
          />
          <div>
            {pairing.pairingCode && (
              <p className="pairing-code" data-testid="pairing-code">
                {pairing.pairingCode}
              </p>
            )}
            <code
              className="mono key"
              data-testid={pairing.method === 'client-code' ? 'approval-url' : 'public-key'}
            >
              {shown}
            </code>
            <CopyButton
              text={shown}
              label={pairing.method === 'client-code' ? 'Copy link' : 'Copy public key'}
            />
          </div>
        </div>
      )}
      <div className="row">
        {pairing.expiresAt !== null && (
          <Countdown until={pairing.expiresAt} prefix="Waiting for approval, time left" />
        )}
        <button className="big secondary" onClick={() => void run('cancelPairing')}>
          Cancel
        </button>
      </div>
      {pairing.pollError && (
        <p className="message error" role="alert">
          Still trying: {pairing.pollError}
        </p>
      )}
    </div>
  )
}
