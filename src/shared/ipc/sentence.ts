import { z } from 'zod'

/**
 * What main means to tell the person at the till, as a stable id plus its values, so the renderer
 * writes it in the till's language (main's English `message` stays for logs). Add ids, never
 * rename one: the renderer's word tables key on them. Values are data, never words: amounts in
 * minor units with their currency, counts, field names, and text BTCPay itself wrote (`serverText`).
 */
export const sentenceIds = [
  // The words of an error code (`code`), for a sentence that follows or precedes it.
  'failed',
  // A form field: `field` is the field's name in the contract; the renderer names it.
  'input.whole-number',
  'input.missing',
  'input.empty',
  'input.min-length',
  'input.at-least',
  'input.max-length',
  'input.at-most',
  'input.form',
  'input.pairing-code-form',
  'input.pin-form',
  'input.unknown-fields',
  'input.not-valid',
  'input.unreadable',
  // An amount refused: the params are the `AmountRefusal` (shared/money.ts) as it is.
  'amount.refused',
  // The BTCPay server's answers.
  'server.said',
  'server.refused-fields',
  'server.missing-permission',
  'server.too-large',
  'server.api-key-refused',
  'server.api-key-forbidden',
  // A server address refused: `problem` is server-url.ts's code.
  'url.refused',
  // Pairing and the manager.
  'pairing.busy',
  'pairing.lost',
  'pairing.not-approved',
  'pairing.cancelled',
  'pairing.unpaired',
  'pairing.new-key',
  'pairing.already-paired',
  'pairing.not-paired',
  'manager.wait',
  'manager.wrong-pin',
  'manager.pin-unreadable',
  'manager.pin-needed',
  'manager.starting',
  'manager.pin-checking',
  'manager.current-pin-first',
  // Sales, refunds and carts.
  'sale.not-in-journal',
  'sale.charging',
  'sale.saved-check-history',
  'charge.needs-api-key',
  'refund.no-such-sale',
  'refund.failed-inside',
  'refund.non-refundable',
  'refund.invoice-unknown',
  'refund.may-have-been-made',
  'refund.nothing-refunded',
  'refund.no-invoice',
  'refund.expired-unpaid',
  'refund.still-confirming',
  'refund.not-paid-yet',
  'refund.never-paid',
  'refund.nothing-paid',
  'refund.scan-to-claim',
  'refund.scan-then-approve',
  'refund.never-made',
  'refund.paid',
  'refund.claimed-approve',
  'refund.claimed',
  // Voids: `problem` of stays-payable is refund-errors.ts's VoidProblem.
  'void.started-paying',
  'void.voided',
  'void.stays-payable',
  'refund.in-flight',
  'refund.may-exist',
  'refund.kind-not-offered',
  'refund.keep-percent',
  'refund.needs-api-key',
  'request.archived',
  'request.already-paid',
  'request.expired',
  'request.gone',
  'request.needs-api-key',
  'request.expiry-past',
  'request.check-list',
  'cart.line-amount',
  'cart.item-gone',
  'cart.stock',
  'cart.below-minimum',
  'cart.total-zero',
  'cart.parked-limit',
  'cart.already-resumed',
  // Shifts, catalog, receipts, API key and charging.
  'catalog.needs-api-key',
  'catalog.no-item',
  'catalog.barcode-taken',
  'request.whole-amount',
  'request.nothing-due',
  'shift.not-open',
  // `cashier`: the name typed when it was opened, maybe empty.
  'shift.still-open',
  'shift.no-such',
  'shift.cashier-name',
  'shift.none-open',
  'api-key.none-waiting',
  'api-key.wrong-store',
  'receipt.unpaid',
  'receipt.no-entry',
  'receipt.no-void-slip',
  'receipt.no-refund-slip',
  'charge.key-may-not-charge',
  // A provisioning file: `file`, `url`, `label` as written in it; `text` names its wrong fields.
  'provisioning.unreadable',
  'provisioning.invalid',
  'provisioning.already-paired',
  'provisioning.not-paired',
  'provisioning.done',
  'provisioning.key-refused',
] as const

export type SentenceId = (typeof sentenceIds)[number]

export const moneySchema = z.strictObject({
  minor: z.int(),
  currency: z.string().regex(/^[A-Z]{3}$/),
})
export type Money = z.infer<typeof moneySchema>

export const sentenceSchema = z.strictObject({
  id: z.enum(sentenceIds),
  params: z
    .record(z.string().max(40), z.union([z.string().max(2000), z.number(), moneySchema]))
    .optional(),
})
export type Sentence = z.infer<typeof sentenceSchema>
export type SentenceParams = NonNullable<Sentence['params']>

export const sentencesSchema = z.array(sentenceSchema).max(8)

/** One sentence, its values left out when it has none. */
export function say(id: SentenceId, params?: SentenceParams): Sentence {
  return params ? { id, params } : { id }
}
