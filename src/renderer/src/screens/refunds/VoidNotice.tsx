import { useLocale, useTranslation } from '../../i18n'
import { useAppStore, useRefundsStore } from '../../stores/bound-stores'
import { ReceiptStatus } from '../till/ReceiptStatus'
import { wordsOr } from '../../i18n/fail-words'

/**
 * What became of a Cancel at BTCPay: voided (the customer can no longer pay), or not, so the
 * invoice stays payable. Shown above every screen until the cashier presses Seen, with the
 * void slip's printing (or a Print button) once BTCPay voided it.
 */
export function VoidNotice() {
  const { t } = useTranslation()
  const locale = useLocale()
  const notices = useRefundsStore((s) => s.voidNotices)
  const dismiss = useRefundsStore((s) => s.dismissVoidNotice)
  const autoPrint = useAppStore((s) => s.settings?.receipts.autoPrint ?? false)
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
          <strong>{wordsOr(n.noteWords, n.note, t, locale)}</strong>
          {n.state === 'voided' && (
            <ReceiptStatus saleId={n.saleId} refundId={n.id} autoPrint={autoPrint} />
          )}
          <button className="big" onClick={() => dismiss(n.id)}>
            {t('common.seen')}
          </button>
        </div>
      ))}
    </section>
  )
}
