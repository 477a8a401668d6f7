import type { CustomerView } from '../../shared/customer-view'
import { successPhases, type SaleView } from '../../shared/sale'

/**
 * The customer's side of the sale on the till. Sales that ended without a payment the customer
 * needs to hear about (cancelled, never created, invalid) show the idle screen: the cashier
 * explains those.
 */
export function customerViewOf(sale: SaleView | null, shopName: string): CustomerView {
  if (!sale) return { screen: 'idle', shopName }
  if (successPhases.includes(sale.phase)) {
    return { screen: 'paid', shopName, amountMinor: sale.amountMinor, currency: sale.currency }
  }
  if (sale.phase === 'expired') return { screen: 'expired', shopName }
  if (sale.phase === 'creating' || sale.phase === 'waiting' || sale.phase === 'partial') {
    return {
      screen: 'charge',
      shopName,
      amountMinor: sale.amountMinor,
      currency: sale.currency,
      payment:
        sale.phase === 'creating' || !sale.payment
          ? null
          : { bip21: sale.payment.bip21, bolt11: sale.payment.bolt11, btcDue: sale.payment.btcDue },
      expiresAt: sale.expiresAt,
      partlyPaid: sale.phase === 'partial',
    }
  }
  return { screen: 'idle', shopName }
}

/** Whether the view is a result the customer reads and the display then leaves by itself. */
export const isResult = (view: CustomerView) => view.screen === 'paid' || view.screen === 'expired'
