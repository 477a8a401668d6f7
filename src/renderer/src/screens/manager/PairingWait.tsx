import type { Connection } from '../../../../shared/terminal-state'
import { CopyButton } from '../../components/CopyButton'
import { Countdown } from '../../components/Countdown'
import { QrCode } from '../../components/QrCode'
import { useLocale, useTranslation } from '../../i18n'
import { wordsOr } from '../../i18n/fail-words'
import { useTerminalStore } from '../../stores/bound-stores'

type Pairing = Extract<Connection, { status: 'pairing' }>

/** Waiting for the manager to approve on the server: link or key, countdown, cancel. */
export function PairingWait({ connection }: { connection: Pairing }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { pairing, identity } = connection
  const run = useTerminalStore((s) => s.run)
  const shown = pairing.method === 'client-code' ? pairing.approvalUrl : identity.publicKeyHex
  return (
    <div className="pairing-wait" data-testid="pairing-wait">
      <h2>
        {pairing.method === 'client-code' ? t('pairing.approveTitle') : t('pairing.addKeyTitle')}
      </h2>
      <p className="message">
        {pairing.method === 'client-code'
          ? t('pairing.approveHow', { code: pairing.pairingCode ?? '' })
          : t('pairing.addKeyHow', { server: pairing.serverUrl })}
      </p>
      {shown && (
        <div className="public-key">
          <QrCode
            text={shown}
            size={220}
            label={pairing.method === 'client-code' ? t('pairing.linkQr') : t('pairing.keyQr')}
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
              label={
                pairing.method === 'client-code' ? t('pairing.copyLink') : t('pairing.copyKey')
              }
            />
          </div>
        </div>
      )}
      <div className="row">
        {pairing.expiresAt !== null && (
          <Countdown until={pairing.expiresAt} label={(time) => t('pairing.timeLeft', { time })} />
        )}
        <button className="big secondary" onClick={() => void run('cancelPairing')}>
          {t('common.cancel')}
        </button>
      </div>
      {pairing.pollError && (
        <p className="message error" role="alert">
          {t('pairing.stillTrying', {
            problem: wordsOr(pairing.pollErrorWords, pairing.pollError, t, locale),
          })}
        </p>
      )}
    </div>
  )
}
