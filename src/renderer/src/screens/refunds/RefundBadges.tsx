import type { RefundView } from '../../../../shared/refund'

const looks: Record<RefundView['state'], { label: string; tone: string } | null> = {
  requested: { label: 'Refund pending', tone: 'warn' },
  issued: { label: 'Refund issued', tone: 'wait' },
  claimed: { label: 'Refund claimed', tone: 'wait' },
  paid: { label: 'Refunded', tone: 'done' },
  failed: null,
  voided: { label: 'Voided', tone: 'neutral' },
  'stays-payable': { label: 'Not voided', tone: 'warn' },
}

/** A sale's voids and refunds as badges in the History list. */
export function RefundBadges({ refunds }: { refunds: RefundView[] }) {
  return refunds.map((r) => {
    const look = looks[r.state]
    return look ? (
      <span key={r.id} className={`badge tone-${look.tone}`} data-testid="refund-badge">
        {look.label}
      </span>
    ) : null
  })
}
