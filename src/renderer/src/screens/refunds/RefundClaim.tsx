import { useState } from 'react'
import type { RefundView } from '../../../../shared/refund'
import { QrCode } from '../../components/QrCode'
import { hasSlip } from '../../../../shared/receipts'
import { useLocale, useTranslation, type TranslationKey } from '../../i18n'
import { useAppStore, useRefundsStore } from '../../stores/bound-stores'
import { ReceiptStatus } from '../till/ReceiptStatus'
import { failText, wordsOr } from '../../i18n/fail-words'

const stateWords: Record<RefundView['state'], TranslationKey> = {
  requested: 'refund.requested',
  issued: 'refund.issued',
  claimed: 'refund.claimed',
  paid: 'refund.paid',
  failed: 'refund.failed',
  voided: 'refund.voided',
  'stays-payable': 'refund.notVoided',
}

/**
 * An issued refund: its claim link as a large QR code (and LNURL-withdraw for a Lightning wallet
 * where BTCPay offers it), then what became of it as BTCPay reports the payout.
 */
export function RefundClaim({ refund }: { refund: RefundView }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const demo = useAppStore((s) => s.info?.demo ?? false)
  const autoPrint = useAppStore((s) => s.settings?.receipts.autoPrint ?? false)
  const simulateRefundClaim = useRefundsStore((s) => s.simulateRefundClaim)
  const [demoError, setDemoError] = useState<string | null>(null)
  const [useLnurl, setUseLnurl] = useState(false)
  const qrText = useLnurl && refund.lnurl ? `lightning:${refund.lnurl}` : refund.claimLink
  return (
    <div className="refund-claim" data-testid="refund-claim" data-state={refund.state}>
      <h2 data-testid="refund-state">{t(stateWords[refund.state])}</h2>
      {refund.amount && (
        <p className="refund-amount" data-testid="refund-amount">
          <bdi dir="ltr">
            {refund.amount} {refund.amountCurrency}
          </bdi>
        </p>
      )}
      {qrText && (refund.state === 'issued' || refund.state === 'claimed') && (
        <div className="qr-column">
          <QrCode text={qrText} size={320} label={t('refund.claimCode')} />
          {refund.lnurl && (
            <div className="segmented" role="group" aria-label={t('refund.claimWith')}>
              <button
                className={useLnurl ? 'secondary' : 'primary'}
                aria-pressed={!useLnurl}
                onClick={() => setUseLnurl(false)}
              >
                {t('refund.anyWallet')}
              </button>
              <button
                className={useLnurl ? 'primary' : 'secondary'}
                aria-pressed={useLnurl}
                onClick={() => setUseLnurl(true)}
              >
                {t('refund.lnurlWallet')}
              </button>
            </div>
          )}
        </div>
      )}
      {refund.note && (
        <p
          className={`message ${refund.needsApproval || refund.state === 'failed' ? 'warn' : ''}`}
          data-testid="refund-note"
        >
          {wordsOr(refund.noteWords, refund.note, t, locale)}
        </p>
      )}
      {hasSlip(refund) && (
        <ReceiptStatus saleId={refund.saleId} refundId={refund.id} autoPrint={autoPrint} />
      )}
      {demo && refund.state === 'issued' && (
        <aside className="demo-customer" aria-label={t('demo.customer')}>
          <span className="demo-tag">{t('demo.tag')}</span>
          <button
            className="secondary"
            onClick={() =>
              void simulateRefundClaim(refund.id).then((r) =>
                setDemoError(r.ok ? null : failText(r)),
              )
            }
          >
            {t('demo.claimRefund')}
          </button>
          {demoError && <span role="alert">{demoError}</span>}
        </aside>
      )}
    </div>
  )
}
