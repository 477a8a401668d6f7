import type { CustomerView, PaymentMethod } from '../../shared/customer-view'
import { successPhases, type SaleView } from '../../shared/sale'

/** What every customer screen carries: the shop's name and language. */
export type ShopFacts = Pick<CustomerView, 'shopName' | 'language'>

/**
 * The customer's side of the sale on the till. Sales that ended without a payment the customer
 * needs to hear about (cancelled, never created, invalid) show the idle screen: the cashier
 * explains those. `method` is the QR code the cashier picked on the till (null: none picked).
 */
export function customerViewOf(
  sale: SaleView | null,
  shop: ShopFacts,
  method: PaymentMethod | null = null,
): CustomerView {
  if (!sale) return { screen: 'idle', ...shop }
  if (successPhases.includes(sale.phase)) {
    return { screen: 'paid', ...shop, amountMinor: sale.amountMinor, currency: sale.currency }
  }
  if (sale.phase === 'expired') return { screen: 'expired', ...shop }
  if (sale.phase === 'creating' || sale.phase === 'waiting' || sale.phase === 'partial') {
    return {
      screen: 'charge',
      ...shop,
      amountMinor: sale.amountMinor,
      currency: sale.currency,
      payment:
        sale.phase === 'creating' || !sale.payment
          ? null
          : { bip21: sale.payment.bip21, bolt11: sale.payment.bolt11, btcDue: sale.payment.btcDue },
      expiresAt: sale.expiresAt,
      partlyPaid: sale.phase === 'partial',
      method,
    }
  }
  return { screen: 'idle', ...shop }
}

/** Whether the view is a result the customer reads and the display then leaves by itself. */
export const isResult = (view: CustomerView) => view.screen === 'paid' || view.screen === 'expired'
