import { z } from 'zod'
import { cartInputSchema, saleCartSchema } from './catalog'
import { errorCodeSchema } from './ipc/result'

/** What the cashier sees of a sale: every payment outcome has its own phase (and screen). */
export const salePhases = [
  'creating', // written locally, invoice request in flight (or being reconciled after a crash)
  'waiting', // invoice open, nothing paid yet
  'partial', // paid less than due
  'paid', // paid in full, awaiting confirmation
  'settled', // confirmed
  'overpaid', // paid more than due
  'paid-late', // paid after the invoice expired
  'expired', // expired unpaid (or only partly paid)
  'invalid', // BTCPay marked it invalid (e.g. a double spend)
  'abandoned', // the cashier cancelled it and nothing was paid (yet: its invoice stays payable)
  'not-created', // the invoice request never reached BTCPay
] as const
export type SalePhase = (typeof salePhases)[number]

/** Phases after which the cashier moves on to the next customer. */
export const successPhases: readonly SalePhase[] = ['paid', 'settled', 'overpaid', 'paid-late']
/** The customer can still pay on screen (and the cashier may still cancel). */
export const payablePhases: readonly SalePhase[] = ['waiting', 'partial']
/** Open invoices: a cashier may bring them back to the checkout screen, main fetches their links. */
export const reopenablePhases: readonly SalePhase[] = ['waiting', 'partial', 'paid']
/** Money arrived on the invoice, in part or in full. */
export const moneyPhases: readonly SalePhase[] = [
  'partial',
  'paid',
  'settled',
  'overpaid',
  'paid-late',
]

export const saleViewSchema = z.strictObject({
  id: z.string(),
  orderId: z.string(),
  createdAt: z.number(),
  amountMinor: z.int(),
  currency: z.string(),
  description: z.string().nullable(),
  phase: z.enum(salePhases),
  invoiceId: z.string().nullable(),
  checkoutLink: z.string().nullable(),
  expiresAt: z.number().nullable(),
  /** When the cashier cancelled it; its invoice is still followed, since it stays payable. */
  cancelledAt: z.number().nullable(),
  /** The BTCPay payment request this sale is a counter payment of, else null. */
  paymentRequestId: z.string().nullable(),
  /**
   * Payment details from the invoice as last fetched (null before it, or for a closed sale after
   * a restart): the links while it can be paid, and the amounts and rate of every outcome.
   */
  payment: z
    .strictObject({
      bip21: z.string().nullable(),
      bolt11: z.string().nullable(),
      /** BTC amounts as exact decimal text. */
      btcPrice: z.string().nullable(),
      btcDue: z.string().nullable(),
      btcPaid: z.string().nullable(),
      /** Fiat per BTC that BTCPay used, exact decimal text. */
      rate: z.string().nullable(),
    })
    .nullable(),
  /** Why the terminal cannot reach the server for this sale, in English (logs); the last known phase stays. */
  trouble: z.string().nullable(),
  /** The same as a code, present while there is trouble: the till words it in its language. */
  troubleCode: errorCodeSchema.optional(),
  /** Items and tip of a sale rung up from a cart; absent for a keypad amount. */
  cart: saleCartSchema.optional(),
})
export type SaleView = z.infer<typeof saleViewSchema>

/** The customer paid (some or all) after the cashier had cancelled: the cashier must hear of it. */
export const paidAfterCancel = (sale: SaleView): boolean =>
  sale.cancelledAt !== null && moneyPhases.includes(sale.phase)

const saleIdSchema = z.string().min(1).max(64)
const epochSchema = z.int().min(0).max(8_640_000_000_000_000)

export const chargeInputSchema = z.union([
  z.strictObject({
    /** As typed: decimal text in the terminal's currency; main checks it again. */
    amount: z.string().max(40),
    description: z.string().trim().max(200).optional(),
  }),
  /** A cart from the catalog: main prices it, in the catalog's currency. */
  z.strictObject({ cart: cartInputSchema }),
])
export const saleRefSchema = z.strictObject({ saleId: saleIdSchema })
/** Half-open time range in ms since epoch: from <= createdAt < to. */
export const rangeSchema = z.strictObject({ from: epochSchema, to: epochSchema })
export const listInputSchema = z.strictObject({
  from: epochSchema,
  to: epochSchema,
  limit: z.int().min(1).max(200).optional(),
  before: z.strictObject({ createdAt: epochSchema, id: saleIdSchema }).optional(),
  /** Only sales with this amount, or with it in their order id, description or invoice id. */
  search: z.string().trim().max(100).optional(),
})
export const totalsSchema = z.strictObject({
  totals: z.array(
    z.strictObject({
      currency: z.string(),
      count: z.int(),
      settledMinor: z.int(),
      pendingMinor: z.int(),
      /** Refunds made in the range (their fiat value), to subtract from what was taken. */
      refundedMinor: z.int(),
      /**
       * Of `count` and the money above (settled and pending together): the payments on payment
       * requests, which the shift report shows apart too. Absent when there are none.
       */
      requests: z.strictObject({ count: z.int().positive(), minor: z.int() }).optional(),
    }),
  ),
  /** Sales of the range that a damaged journal line hides: their amount is not known. */
  unknown: z.int().nonnegative(),
})
/**
 * What the journal kept of a damaged line, as facts the manager's screen words in its language:
 * a sale rebuilt from it, a change asked of BTCPay again, nothing legible, a copy another line
 * holds, or a sale known only from its later lines (amount unknown).
 */
export const keptOfLineSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('rebuilt'), orderId: z.string() }),
  z.strictObject({ kind: z.literal('change-asked-again') }),
  z.strictObject({ kind: z.literal('illegible') }),
  z.strictObject({ kind: z.literal('copy'), saleId: z.string().nullable() }),
  z.strictObject({
    kind: z.literal('lost'),
    saleId: z.string(),
    invoiceId: z.string().nullable(),
    status: z.string().nullable(),
  }),
])
export type KeptOfLine = z.infer<typeof keptOfLineSchema>

/** What the journal could not read at start (Manager, "Journal problems"). */
export const journalProblemsSchema = z.strictObject({
  problems: z.array(
    z.strictObject({
      file: z.string(),
      /** 1-based; null when only the sale's later lines were found. */
      line: z.int().positive().nullable(),
      kept: keptOfLineSchema,
    }),
  ),
})
export const exportResultSchema = z.strictObject({ path: z.string(), count: z.int() })
