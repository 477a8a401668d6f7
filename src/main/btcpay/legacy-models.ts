/**
 * Response shapes of the legacy API (shared docs/btcpay-protocol.md §1.4–1.10), validated with
 * zod. JSON is parsed with every number kept as its source text (lossless-json.ts), so money stays
 * a decimal string and timestamps are converted to integers here.
 *
 * A missing or null field becomes null with `.nullable().default(null)`, not with a transform: a
 * transform is one more pipe per field, and an invoice is checked on every charge's path (a cold
 * check took about 220 µs with transforms, 150 µs without).
 */
import { z } from 'zod'

/** A decimal amount as text, e.g. "12.5" or "0.00025". Never a float. */
export const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal amount')
/** Milliseconds since the epoch (sent as a JSON number). */
export const epochMs = z
  .string()
  .regex(/^\d{1,16}$/, 'expected a timestamp in ms')
  .transform(Number)

const optionalText = z.string().nullable().default(null)

export const LEGACY_INVOICE_STATUSES = [
  'new',
  'paid',
  'confirmed', // 1.x only
  'complete',
  'expired',
  'invalid',
] as const

const paymentUrls = z.record(z.string(), z.string().nullable())

const cryptoInfo = z.object({
  cryptoCode: z.string(),
  paymentType: z.string(),
  address: optionalText,
  due: decimalString.nullable().default(null),
  totalDue: decimalString.nullable().default(null),
  paymentUrls: paymentUrls.nullable().default(null),
  /** Fiat per coin this invoice was priced at (a JSON number, kept as its text). */
  rate: decimalString.nullable().default(null),
  /** Paid through this payment method, in the coin. */
  cryptoPaid: decimalString.nullable().default(null),
})

export const legacyInvoiceSchema = z.object({
  id: z.string().min(1),
  url: z.string().min(1),
  status: z.enum(LEGACY_INVOICE_STATUSES),
  /** false in JSON → null here; otherwise "paidPartial" | "paidOver" | "paidLater" | "marked" … */
  exceptionStatus: z
    .union([z.literal(false), z.string()])
    .nullish()
    .transform((v) => (v === false || v === undefined ? null : v)),
  price: decimalString,
  currency: z.string(),
  orderId: optionalText,
  itemDesc: optionalText,
  itemCode: optionalText,
  posData: optionalText,
  invoiceTime: epochMs,
  expirationTime: epochMs,
  currentTime: epochMs.optional(),
  btcPrice: decimalString.nullable().default(null),
  btcDue: decimalString.nullable().default(null),
  btcPaid: decimalString.nullable().default(null),
  /** Fiat per BTC that BTCPay fixed for this invoice. */
  rate: decimalString.nullable().default(null),
  paymentUrls: paymentUrls.nullable().default(null),
  cryptoInfo: z
    .array(cryptoInfo)
    .nullish()
    .transform((v) => v ?? []),
})

export type LegacyInvoice = z.output<typeof legacyInvoiceSchema>
export type LegacyInvoiceStatus = LegacyInvoice['status']

export const invoiceEnvelopeSchema = z.object({ data: legacyInvoiceSchema })
export const invoiceListSchema = z.object({ data: z.array(legacyInvoiceSchema) })

const pairingItem = z.object({
  token: z.string().min(1),
  pairingCode: z.string().min(1),
  pairingExpiration: epochMs,
  dateCreated: epochMs.optional(),
  facade: z.string().optional(),
  label: optionalText,
})

export const pairingResponseSchema = z.object({ data: z.array(pairingItem).min(1) })

/** `{"data":[{"merchant":"<token>"}]}` or `{"data":[]}`. */
export const tokensResponseSchema = z.object({
  data: z.array(z.record(z.string(), z.string())),
})

/** `{"error":"..."}` (and since 2.3.6 also `errors: [{error}]`). */
export const errorBodySchema = z.object({ error: z.string() })
