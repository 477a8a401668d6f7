import { formatMinor } from '../../../../shared/money'
import type { SaleView } from '../../../../shared/sale'
import type { RefundView } from '../../../../shared/refund'
import { moneyPhases, reopenablePhases, successPhases } from '../../../../shared/sale'
import { useLocale, useTranslation } from '../../i18n'
import { phaseLook } from '../../sales/phases'
import type { ReceiptRef } from '../../../../shared/receipts'
import { RefundBadges } from '../refunds/RefundBadges'

/** Sales a manager may try to refund (BTCPay has the last word, with a sentence when it refuses). */
const refundable = (s: SaleView) =>
  s.invoiceId !== null && (moneyPhases.includes(s.phase) || s.phase === 'invalid')

const time = (at: number, locale: string) =>
  new Date(at).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })

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
  const locale = useLocale()
  if (sales.length === 0) return null
  return (
    <table className="sales" data-testid="sales-list">
      <thead>
        <tr>
          <th scope="col">{t('salesList.time')}</th>
          <th scope="col" className="num">
            {t('salesList.amount')}
          </th>
          <th scope="col">{t('salesList.description')}</th>
          <th scope="col">{t('salesList.status')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('salesList.action')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sales.map((s) => {
          const look = phaseLook[s.phase]
          const amount = formatMinor(s.amountMinor, s.currency, locale)
          return (
            <tr key={s.id} data-testid="sale-row" data-sale-id={s.id} data-phase={s.phase}>
              <td>{time(s.createdAt, locale)}</td>
              <td className="num">{amount}</td>
              <td className="desc">
                {s.paymentRequestId && (
                  <span className="badge tone-wait" data-testid="payment-request-badge">
                    {t('history.paymentRequest')}
                  </span>
                )}{' '}
                {s.description ?? ''}
                {s.cart && s.cart.tipMinor > 0 && (
                  <span className="sale-tip" data-testid="sale-tip">
                    {t('sale.tip', { amount: formatMinor(s.cart.tipMinor, s.currency, locale) })}
                  </span>
                )}
              </td>
              <td>
                <span className={`badge tone-${look.tone}`}>{t(look.label)}</span>
                {s.trouble && <span className="badge tone-warn">{t('salesList.offline')}</span>}
                <RefundBadges
                  refunds={refunds[s.id] ?? []}
                  onSlip={(refundId) => onReceipt({ saleId: s.id, refundId })}
                />
              </td>
              <td>
                {reopenablePhases.includes(s.phase) && (
                  <button
                    className="secondary"
                    aria-label={t('salesList.openSale', { amount })}
                    onClick={() => onOpen(s.id)}
                  >
                    {t('salesList.open')}
                  </button>
                )}
                {successPhases.includes(s.phase) && (
                  <button
                    className="secondary"
                    data-testid="sale-receipt"
                    aria-label={t('salesList.receiptOf', { amount })}
                    onClick={() => onReceipt({ saleId: s.id })}
                  >
                    {t('salesList.receipt')}
                  </button>
                )}
                {refundable(s) && (
                  <button
                    className="secondary"
                    aria-label={t('salesList.refundSale', { amount })}
                    onClick={() => onRefund(s)}
                  >
                    {t('salesList.refund')}
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
