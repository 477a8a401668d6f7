import { formatMinor } from '../../../../shared/money'
import { useLocale, useTranslation } from '../../i18n'
import type { Totals } from '../../stores/sales-store'

/**
 * The shown day's paid money per currency: settled, and paid but still awaiting confirmation
 * (main's "pending"), never added together; how much of it was paid on payment requests (as
 * the shift report shows them apart); refunds made that day and what is left of the settled
 * money after them. Unpaid, expired and cancelled sales are not in it.
 * Sales a damaged journal line hides are said to be missing, never silently left out.
 */
export function TotalsPanel({ totals, unknownSales }: { totals: Totals; unknownSales: number }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const money = (minor: number, currency: string) => formatMinor(minor, currency, locale)
  if (totals.length === 0 && unknownSales === 0) return null
  return (
    <div className="totals" data-testid="totals">
      {unknownSales > 0 && (
        <p className="message error" role="alert" data-testid="totals-unknown">
          {t('totals.unknown', { count: unknownSales })}
        </p>
      )}
      {totals.map((total) => (
        <dl key={total.currency} className="total" data-testid={`totals-${total.currency}`}>
          <div>
            <dt>{t('totals.currency')}</dt>
            <dd>{total.currency}</dd>
          </div>
          <div>
            <dt>{t('totals.settled')}</dt>
            <dd data-testid={`settled-${total.currency}`}>
              {money(total.settledMinor, total.currency)}
            </dd>
          </div>
          <div>
            <dt>{t('totals.pending')}</dt>
            <dd data-testid={`pending-${total.currency}`}>
              {money(total.pendingMinor, total.currency)}
            </dd>
          </div>
          {total.refundedMinor > 0 && (
            <>
              <div>
                <dt>{t('totals.refunded')}</dt>
                <dd data-testid={`refunded-${total.currency}`}>
                  −{money(total.refundedMinor, total.currency)}
                </dd>
              </div>
              <div>
                <dt>{t('totals.net')}</dt>
                <dd data-testid={`net-${total.currency}`}>
                  {money(total.settledMinor - total.refundedMinor, total.currency)}
                </dd>
              </div>
            </>
          )}
          <div>
            <dt>{t('totals.count')}</dt>
            <dd data-testid={`count-${total.currency}`}>{total.count}</dd>
          </div>
          {total.requests && (
            <div>
              <dt>{t('totals.requests')}</dt>
              <dd data-testid={`requests-${total.currency}`}>
                {t('totals.requestsValue', {
                  amount: money(total.requests.minor, total.currency),
                  count: total.requests.count,
                })}
              </dd>
            </div>
          )}
        </dl>
      ))}
    </div>
  )
}
