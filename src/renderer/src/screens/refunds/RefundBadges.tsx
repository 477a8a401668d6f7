import { hasSlip } from '../../../../shared/receipts'
import type { RefundView } from '../../../../shared/refund'
import { useTranslation } from '../../i18n'

const looks: Record<RefundView['state'], { label: string; tone: string } | null> = {
  requested: { label: 'Refund pending', tone: 'warn' },
  issued: { label: 'Refund issued', tone: 'wait' },
  claimed: { label: 'Refund claimed', tone: 'wait' },
  paid: { label: 'Refunded', tone: 'done' },
  failed: null,
  voided: { label: 'Voided', tone: 'neutral' },
  'stays-payable': { label: 'Not voided', tone: 'warn' },
}

/** A sale's voids and refunds as badges in the History list, each with its slip where it has one. */
export function RefundBadges({
  refunds,
  onSlip,
}: {
  refunds: RefundView[]
  onSlip: (refundId: string) => void
}) {
  const { t } = useTranslation()
  return refunds.map((r) => {
    const look = looks[r.state]
    return look ? (
      <span key={r.id}>
        <span className={`badge tone-${look.tone}`} data-testid="refund-badge">
          {look.label}
        </span>
        {hasSlip(r) && (
          <button
            className="secondary"
            data-testid="refund-slip"
            data-kind={r.kind}
            onClick={() => onSlip(r.id)}
          >
            {r.kind === 'void' ? t('receipts.voidSlip') : t('receipts.refundSlip')}
          </button>
        )}
      </span>
    ) : null
  })
}
