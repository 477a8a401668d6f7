import { formatMinor } from '../../../../shared/money'
import type { SaleView } from '../../../../shared/sale'
import type { RefundView } from '../../../../shared/refund'
import { moneyPhases, reopenablePhases, successPhases } from '../../../../shared/sale'
import { useTranslation } from '../../i18n'
import { phaseLook } from '../../sales/phases'
import type { ReceiptRef } from '../../../../shared/receipts'
import { RefundBadges } from '../refunds/RefundBadges'

/** Sales a manager may try to refund (BTCPay has the last word, with a sentence when it refuses). */
const refundable = (s: SaleView) =>
  s.invoiceId !== null && (moneyPhases.includes(s.phase) || s.phase === 'invalid')

const time = (at: number) =>
  new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })

/**
 * The day's sales, newest first, each with its voids and refunds; a sale still waiting for money
 * can be opened again, a paid one shows its receipt and can be refunded.
 */
export function SalesList({
  sales,
  refunds,
  onOpen,
  onReceipt,
  onRefund,
}: {
  sales: SaleView[]
  refunds: Record<string, RefundView[]>
  onOpen: (id: string) => void
  onReceipt: (receipt: ReceiptRef) => void
  onRefund: (sale: SaleView) => void
}) {
  const { t } = useTranslation()
  if (sales.length === 0) return null
  return (
    <table className="sales" data-testid="sales-list">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col" className="num">
            Amount
          </th>
          <th scope="col">Description</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="visually-hidden">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sales.map((s) => {
          const look = phaseLook[s.phase]
          return (
            <tr key={s.id} data-testid="sale-row" data-sale-id={s.id} data-phase={s.phase}>
              <td>{time(s.createdAt)}</td>
              <td className="num">{formatMinor(s.amountMinor, s.currency)}</td>
              <td className="desc">
                {s.paymentRequestId && (
                  <span className="badge tone-wait" data-testid="payment-request-badge">
                    {t('history.paymentRequest')}
                  </span>
                )}{' '}
                {s.description ?? ''}
                {s.cart && s.cart.tipMinor > 0 && (
                  <span className="sale-tip" data-testid="sale-tip">
                    {t('sale.tip', { amount: formatMinor(s.cart.tipMinor, s.currency) })}
                  </span>
                )}
              </td>
              <td>
                <span className={`badge tone-${look.tone}`}>{look.label}</span>
                {s.trouble && <span className="badge tone-warn">Offline</span>}
                <RefundBadges
                  refunds={refunds[s.id] ?? []}
                  onSlip={(refundId) => onReceipt({ saleId: s.id, refundId })}
                />
              </td>
              <td>
                {reopenablePhases.includes(s.phase) && (
                  <button
                    className="secondary"
                    aria-label={`Open sale of ${formatMinor(s.amountMinor, s.currency)}`}
                    onClick={() => onOpen(s.id)}
                  >
                    Open
                  </button>
                )}
                {successPhases.includes(s.phase) && (
                  <button
                    className="secondary"
                    data-testid="sale-receipt"
                    aria-label={`Receipt of ${formatMinor(s.amountMinor, s.currency)}`}
                    onClick={() => onReceipt({ saleId: s.id })}
                  >
                    Receipt
                  </button>
                )}
                {refundable(s) && (
                  <button
                    className="secondary"
                    aria-label={`Refund sale of ${formatMinor(s.amountMinor, s.currency)}`}
                    onClick={() => onRefund(s)}
                  >
                    Refund
                  </button>
                )}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
