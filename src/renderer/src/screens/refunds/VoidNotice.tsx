import { useState, type ReactNode } from 'react'
import type { RefundView } from '../../../../shared/refund'
import { useLocale, useTranslation } from '../../i18n'
import { wordsOr } from '../../i18n/fail-words'
import { useAppStore, useRefundsStore } from '../../stores/bound-stores'
import { ReceiptStatus } from '../till/ReceiptStatus'

/**
 * What became of a Cancel at BTCPay: voided (the customer can no longer pay), or not, so the
 * invoice stays payable. Stays until the cashier presses Seen, with the void slip's printing
 * (or a Print button) once BTCPay voided it.
 *
 * Above every screen sits one bar, however many there are: the oldest, its note cut to the
 * lines the window has room for (on a small one, its slip's printing too), so the keypad and
 * Charge stay on screen down to 800x480 and a phone. Its Show button opens all of them in full
 * on a screen of their own.
 */
export function VoidNotice() {
  const { t } = useTranslation()
  const notices = useRefundsStore((s) => s.voidNotices)
  const [open, setOpen] = useState(false)
  const oldest = notices[0]
  // The last one seen closes the full screen: the next notice starts as a bar again.
  if (!oldest && open) setOpen(false)
  if (!oldest) return null
  if (open) {
    return (
      <section
        aria-label={t('refund.cancelledSales')}
        className="paid-after-cancel void-notices open"
        data-testid="void-notices"
      >
        <div className="row void-notices-head">
          <h2>{t('refund.cancelledSales')}</h2>
          <button className="big secondary" onClick={() => setOpen(false)}>
            {t('common.close')}
          </button>
        </div>
        {notices.map((n) => (
          <NoticeRow key={n.id} notice={n} />
        ))}
      </section>
    )
  }
  return (
    <section
      aria-label={t('refund.cancelledSales')}
      className="paid-after-cancel void-notices"
      data-testid="void-notices"
    >
      <NoticeRow notice={oldest}>
        <button
          className="show-notices"
          aria-expanded={false}
          data-testid="show-void-notices"
          onClick={() => setOpen(true)}
        >
          {t('voidNotice.show', { count: notices.length })}
        </button>
      </NoticeRow>
    </section>
  )
}

function NoticeRow({ notice: n, children }: { notice: RefundView; children?: ReactNode }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const dismiss = useRefundsStore((s) => s.dismissVoidNotice)
  const autoPrint = useAppStore((s) => s.settings?.receipts.autoPrint ?? false)
  return (
    <div
      className={`message row ${n.state === 'voided' ? '' : 'error'}`}
      role={n.state === 'voided' ? 'status' : 'alert'}
      data-testid="void-notice"
      data-state={n.state}
    >
      <strong>{wordsOr(n.noteWords, n.note, t, locale)}</strong>
      <div className="notice-actions">
        {n.state === 'voided' && (
          <div className="notice-slip">
            <ReceiptStatus saleId={n.saleId} refundId={n.id} autoPrint={autoPrint} />
          </div>
        )}
        {children}
        <button className="big" onClick={() => dismiss(n.id)}>
          {t('common.seen')}
        </button>
      </div>
    </div>
  )
}
