import { hasSlip } from '../../../../shared/receipts'
import type { RefundView } from '../../../../shared/refund'
import { useTranslation, type TranslationKey } from '../../i18n'

const looks: Record<RefundView['state'], { label: TranslationKey; tone: string } | null> = {
  requested: { label: 'refund.badgePending', tone: 'warn' },
  issued: { label: 'refund.badgeIssued', tone: 'wait' },
  claimed: { label: 'refund.badgeClaimed', tone: 'wait' },
  paid: { label: 'refund.badgePaid', tone: 'done' },
  failed: null,
  voided: { label: 'refund.voided', tone: 'neutral' },
  'stays-payable': { label: 'refund.notVoided', tone: 'warn' },
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
          {t(look.label)}
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
