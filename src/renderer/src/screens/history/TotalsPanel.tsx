import { formatMinor } from '../../../../shared/money'
import type { Totals } from '../../stores/sales-store'

/**
 * The shown day's paid money per currency: settled, and paid but still awaiting confirmation
 * (main's "pending"), never added together. Unpaid, expired and cancelled sales are not in it.
 * Sales a damaged journal line hides are said to be missing, never silently left out.
 */
export function TotalsPanel({ totals, unknownSales }: { totals: Totals; unknownSales: number }) {
  if (totals.length === 0 && unknownSales === 0) return null
  return (
    <div className="totals" data-testid="totals">
      {unknownSales > 0 && (
        <p className="message error" role="alert" data-testid="totals-unknown">
          {unknownSales === 1 ? '1 sale' : `${unknownSales} sales`} of this day could not be read
          from the journal, so these totals may be short. See Journal problems in Manager.
        </p>
      )}
      {totals.map((t) => (
        <dl key={t.currency} className="total" data-testid={`totals-${t.currency}`}>
          <div>
            <dt>Currency</dt>
            <dd>{t.currency}</dd>
          </div>
          <div>
            <dt>Settled</dt>
            <dd data-testid={`settled-${t.currency}`}>{formatMinor(t.settledMinor, t.currency)}</dd>
          </div>
          <div>
            <dt>Awaiting confirmation</dt>
            <dd data-testid={`pending-${t.currency}`}>{formatMinor(t.pendingMinor, t.currency)}</dd>
          </div>
          <div>
            <dt>Paid sales</dt>
            <dd data-testid={`count-${t.currency}`}>{t.count}</dd>
          </div>
        </dl>
      ))}
    </div>
  )
}
