import { randomUUID } from 'node:crypto'
import type { Journal } from './journal'
import type { NewSale } from './sale'

/** What a new sale needs besides its order id; everything else starts empty. */
export type SaleDraft = Pick<NewSale, 'createdAt' | 'amountMinor' | 'currency'> &
  Partial<Omit<NewSale, 'orderId' | 'sequence'>>

/**
 * A sale ready for `journal.record`, with the next order id of `terminalId`: status 'creating',
 * no invoice yet. The one way sales are made, by the cashier, the seeder, the bench and tests.
 */
export async function newSale(
  journal: Pick<Journal, 'nextOrderId'>,
  terminalId: string,
  draft: SaleDraft,
): Promise<NewSale> {
  const { orderId, sequence } = await journal.nextOrderId(terminalId)
  return {
    id: randomUUID(),
    description: null,
    cashier: null,
    invoiceId: null,
    status: 'creating',
    exceptionStatus: 'none',
    checkoutLink: null,
    expiresAt: null,
    cancelledAt: null,
    cart: null,
    paymentRequestId: null,
    ...draft,
    orderId,
    sequence,
  }
}
