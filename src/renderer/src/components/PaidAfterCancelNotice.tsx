import { formatMinor } from '../../../shared/money'
import { useLocale, useTranslation } from '../i18n'
import { useSalesStore } from '../stores/bound-stores'

/** The number the cashier knows a sale by: the sequence at the end of its orderId. */
const saleNumber = (orderId: string) => (orderId.split('-').at(-1) ?? orderId).padStart(4, '0')

/**
 * Money arrived on a sale the cashier had cancelled. Shown above every screen until dismissed:
 * the customer paid and may be gone, so the cashier has to settle it by hand.
 */
export function PaidAfterCancelNotice() {
  const { t } = useTranslation()
  const locale = useLocale()
  const sales = useSalesStore((s) => s.paidAfterCancel)
  const dismiss = useSalesStore((s) => s.dismissPaidAfterCancel)
  if (sales.length === 0) return null
  return (
    <section aria-label={t('paidAfterCancel.label')} className="paid-after-cancel">
      {sales.map((sale) => (
        <div
          key={sale.id}
          className="message error row"
          role="alert"
          data-testid="paid-after-cancel"
        >
          <strong>
            {t('paidAfterCancel.notice', {
              amount: formatMinor(sale.amountMinor, sale.currency, locale),
              sale: saleNumber(sale.orderId),
            })}
          </strong>
          <button className="big" onClick={() => dismiss(sale.id)}>
            {t('common.seen')}
          </button>
        </div>
      ))}
    </section>
  )
}
