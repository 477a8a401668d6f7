import { useState } from 'react'
import type { RefundView } from '../../../../shared/refund'
import { QrCode } from '../../components/QrCode'
import { hasSlip } from '../../../../shared/receipts'
import { useAppStore, useRefundsStore } from '../../stores/bound-stores'
import { ReceiptStatus } from '../till/ReceiptStatus'

const stateWords: Record<RefundView['state'], string> = {
  requested: 'Asked BTCPay for the refund…',
  issued: 'Refund ready: the customer scans the code to claim it',
  claimed: 'Claimed by the customer',
  paid: 'Refund paid',
  failed: 'Not refunded',
  voided: 'Voided',
  'stays-payable': 'Not voided',
}

/**
 * An issued refund: its claim link as a large QR code (and LNURL-withdraw for a Lightning wallet
 * where BTCPay offers it), then what became of it as BTCPay reports the payout.
 */
export function RefundClaim({ refund }: { refund: RefundView }) {
  const demo = useAppStore((s) => s.info?.demo ?? false)
  const autoPrint = useAppStore((s) => s.settings?.receipts.autoPrint ?? false)
  const simulateRefundClaim = useRefundsStore((s) => s.simulateRefundClaim)
  const [demoError, setDemoError] = useState<string | null>(null)
  const [useLnurl, setUseLnurl] = useState(false)
  const qrText = useLnurl && refund.lnurl ? `lightning:${refund.lnurl}` : refund.claimLink
  return (
    <div className="refund-claim" data-testid="refund-claim" data-state={refund.state}>
      <h2 data-testid="refund-state">{stateWords[refund.state]}</h2>
      {refund.amount && (
        <p className="refund-amount" data-testid="refund-amount">
          {refund.amount} {refund.amountCurrency}
        </p>
      )}
      {qrText && (refund.state === 'issued' || refund.state === 'claimed') && (
        <div className="qr-column">
          <QrCode text={qrText} size={320} label="Refund claim code" />
          {refund.lnurl && (
            <div className="segmented" role="group" aria-label="Claim with">
              <button
                className={useLnurl ? 'secondary' : 'primary'}
                aria-pressed={!useLnurl}
                onClick={() => setUseLnurl(false)}
              >
                Any wallet (claim page)
              </button>
              <button
                className={useLnurl ? 'primary' : 'secondary'}
                aria-pressed={useLnurl}
                onClick={() => setUseLnurl(true)}
              >
                Lightning wallet (LNURL)
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
          {refund.note}
        </p>
      )}
      {hasSlip(refund) && (
        <ReceiptStatus saleId={refund.saleId} refundId={refund.id} autoPrint={autoPrint} />
      )}
      {demo && refund.state === 'issued' && (
        <aside className="demo-customer" aria-label="Simulated customer">
          <span className="demo-tag">DEMO</span>
          <button
            className="secondary"
            onClick={() =>
              void simulateRefundClaim(refund.id).then((r) => setDemoError(r.ok ? null : r.message))
            }
          >
            Customer claims the refund
          </button>
          {demoError && <span role="alert">{demoError}</span>}
        </aside>
      )}
    </div>
  )
}
