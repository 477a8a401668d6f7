import type { PaymentMethod } from '../../../shared/customer-view'
import type { SaleView } from '../../../shared/sale'
import type { TranslationKey } from '../i18n'

export type PaymentChoice = {
  id: PaymentMethod
  /** What the QR code encodes. */
  qrText: string
}

/**
 * The QR codes a sale can show, and which one first. Lightning comes first when the invoice has
 * it: at a counter the customer is standing there, and Lightning settles in seconds for a tiny
 * fee while on-chain waits for confirmations (BTCPay's "In-store" checkout preset does the same).
 * A BIP21 link that already carries `lightning=` is a unified QR any wallet can pay, so it wins.
 */
export function paymentChoices(
  payment: Pick<NonNullable<SaleView['payment']>, 'bip21' | 'bolt11'> | null,
): {
  choices: PaymentChoice[]
  preferred: PaymentChoice['id'] | null
} {
  const choices: PaymentChoice[] = []
  const bip21 = payment?.bip21 ?? null
  const bolt11 = payment?.bolt11?.replace(/^lightning:/i, '') ?? null
  if (bip21) choices.push({ id: 'onchain', qrText: bip21 })
  if (bolt11) {
    // Upper case fits the QR code's alphanumeric mode: fewer modules, easier to scan.
    choices.push({ id: 'lightning', qrText: `LIGHTNING:${bolt11.toUpperCase()}` })
  }
  const unified = bip21 !== null && /[?&]lightning=/i.test(bip21)
  const preferred = unified ? 'onchain' : bolt11 ? 'lightning' : bip21 ? 'onchain' : null
  return { choices, preferred }
}

/** The method's name on a tab or under a QR code, as BTCPay's checkout calls it. */
export const methodName: Record<PaymentMethod, TranslationKey> = {
  onchain: 'pay.onchain',
  lightning: 'pay.lightning',
}
