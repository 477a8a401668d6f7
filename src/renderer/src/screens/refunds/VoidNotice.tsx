import { useTranslation } from '../../i18n'
import { useRefundsStore } from '../../stores/bound-stores'

/**
 * What became of a Cancel at BTCPay: voided (the customer can no longer pay), or not, so the
 * invoice stays payable. Shown above every screen until the cashier presses Seen.
 */
export function VoidNotice() {
  const { t } = useTranslation()
  const notices = useRefundsStore((s) => s.voidNotices)
  const dismiss = useRefundsStore((s) => s.dismissVoidNotice)
  if (notices.length === 0) return null
  return (
    <section aria-label={t('refund.cancelledSales')} className="paid-after-cancel">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`message row ${n.state === 'voided' ? '' : 'error'}`}
          role={n.state === 'voided' ? 'status' : 'alert'}
          data-testid="void-notice"
          data-state={n.state}
        >
          <strong>{n.note}</strong>
          <button className="big" onClick={() => dismiss(n.id)}>
            {t('common.seen')}
          </button>
        </div>
      ))}
    </section>
  )
}
