/**
 * Request and response shapes of BTCPay's Greenfield API (shared docs/btcpay-protocol.md §6 and
 * §9, OpenAPI in swagger.template.*.json), validated with zod. JSON is parsed with every number
 * kept as its source text (lossless-json.ts), so an amount is the same decimal string whether the
 * server sent `"12.50"` or `12.50`; unix-second timestamps become integers here. Objects are not
 * strict: a newer server may add fields.
 */
import { z } from 'zod'
import { decimalString } from './legacy-models'

const unixSeconds = z
  .string()
  .regex(/^\d{1,12}$/, 'expected unix seconds')
  .transform(Number)
const nullableText = z
  .string()
  .nullish()
  .transform((v) => v ?? null)
const nullableDecimal = decimalString.nullish().transform((v) => v ?? null)
const nullableSeconds = unixSeconds.nullish().transform((v) => v ?? null)

export const apiKeySchema = z.object({
  apiKey: z.string().min(1),
  label: nullableText,
  permissions: z.array(z.string()),
})
export type ApiKeyData = z.output<typeof apiKeySchema>

export const INVOICE_STATUSES = ['New', 'Processing', 'Settled', 'Expired', 'Invalid'] as const

export const invoiceSchema = z.object({
  id: z.string().min(1),
  storeId: z.string(),
  amount: decimalString,
  /** What the customer paid so far, in the invoice's currency (BTCPay 2.x). */
  paidAmount: nullableDecimal,
  currency: z.string(),
  type: z.string(),
  checkoutLink: z.string(),
  status: z.enum(INVOICE_STATUSES),
  additionalStatus: z.string(),
  createdTime: unixSeconds,
  expirationTime: unixSeconds,
  monitoringExpiration: nullableSeconds,
  archived: z.boolean().optional().default(false),
  metadata: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((v) => v ?? {}),
  availableStatusesForManualMarking: z.array(z.string()).optional().default([]),
})
export type GreenfieldInvoice = z.output<typeof invoiceSchema>
export const invoiceListSchema = z.array(invoiceSchema)

const paymentSchema = z.object({
  id: z.string(),
  receivedDate: unixSeconds,
  value: decimalString,
  fee: nullableDecimal,
  status: z.string(),
  destination: nullableText,
})

export const paymentMethodSchema = z.object({
  paymentMethodId: z.string(),
  currency: z.string(),
  activated: z.boolean(),
  destination: nullableText,
  paymentLink: nullableText,
  rate: decimalString,
  amount: decimalString,
  due: decimalString,
  totalPaid: decimalString,
  paymentMethodPaid: decimalString,
  payments: z.array(paymentSchema),
})
export type InvoicePaymentMethod = z.output<typeof paymentMethodSchema>
export const paymentMethodListSchema = z.array(paymentMethodSchema)

export const PAYMENT_REQUEST_STATUSES = ['Pending', 'Processing', 'Completed', 'Expired'] as const

export const paymentRequestSchema = z.object({
  id: z.string().min(1),
  storeId: z.string(),
  status: z.enum(PAYMENT_REQUEST_STATUSES),
  amount: decimalString,
  currency: z.string(),
  title: z.string(),
  description: nullableText,
  email: nullableText,
  expiryDate: nullableSeconds,
  referenceId: nullableText,
  allowCustomPaymentAmounts: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  createdTime: unixSeconds,
  archived: z.boolean().optional().default(false),
  /** A form the customer fills on the public page: not the till's business, kept when editing. */
  formId: nullableText,
})
export type PaymentRequest = z.output<typeof paymentRequestSchema>
export const paymentRequestListSchema = z.array(paymentRequestSchema)

export const pullPaymentSchema = z.object({
  id: z.string().min(1),
  name: nullableText,
  description: nullableText,
  currency: z.string(),
  amount: decimalString,
  expiresAt: nullableSeconds,
  viewLink: z.string(),
  archived: z.boolean().optional().default(false),
  /** Claims are approved at once (the key may create approved pull payments). */
  autoApproveClaims: z.boolean().optional().default(false),
})
export type PullPayment = z.output<typeof pullPaymentSchema>
export const pullPaymentListSchema = z.array(pullPaymentSchema)

export const pullPaymentLnurlSchema = z.object({ lnurlBech32: z.string(), lnurlUri: z.string() })
export type PullPaymentLnurl = z.output<typeof pullPaymentLnurlSchema>

export const payoutSchema = z.object({
  id: z.string().min(1),
  pullPaymentId: nullableText,
  payoutMethodId: z.string(),
  amount: nullableDecimal,
  originalAmount: nullableDecimal,
  originalCurrency: nullableText,
  destination: nullableText,
  state: z.string(),
  date: nullableSeconds,
})
export type Payout = z.output<typeof payoutSchema>
export const payoutListSchema = z.array(payoutSchema)

export const refundPreviewSchema = z.object({
  paymentAmountThen: decimalString,
  paymentAmountNow: decimalString,
  invoiceAmount: decimalString,
  paymentCurrency: z.string(),
  invoiceCurrency: z.string(),
  overpaidPaymentAmount: nullableDecimal,
})
export type RefundPreview = z.output<typeof refundPreviewSchema>

/** An answer with no body worth reading (DELETE, mark status). */
export const anyBodySchema = z.unknown()

// ---------- error bodies (§6.6) ----------

export const validationErrorsSchema = z.array(
  z.object({ path: z.string().nullish(), message: z.string() }),
)
export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string().nullish(),
  missingPermission: z.string().nullish(),
})

// ---------- requests ----------

export interface CreateGreenfieldInvoice {
  /** Decimal text, e.g. "12.50"; omit for a top-up invoice. */
  amount?: string
  currency: string
  metadata?: Record<string, unknown>
  checkout?: {
    speedPolicy?: 'HighSpeed' | 'MediumSpeed' | 'LowMediumSpeed' | 'LowSpeed'
    paymentMethods?: string[]
    defaultPaymentMethod?: string
    expirationMinutes?: number
    redirectURL?: string
    redirectAutomatically?: boolean
  }
  receipt?: { enabled?: boolean; showQR?: boolean; showPayments?: boolean }
  additionalSearchTerms?: string[]
}

export interface ListInvoicesFilter {
  orderId?: string[]
  status?: (typeof INVOICE_STATUSES)[number][]
  textSearch?: string
  skip?: number
  take?: number
}

export interface PaymentRequestInput {
  amount: string
  currency?: string
  title: string
  description?: string | null
  email?: string | null
  /** Unix seconds. */
  expiryDate?: number | null
  referenceId?: string | null
  allowCustomPaymentAmounts?: boolean
  formId?: string | null
}

export interface PayPaymentRequestInput {
  amount?: string
  allowPendingInvoiceReuse?: boolean
}

export type RefundVariant = 'RateThen' | 'CurrentRate' | 'OverpaidAmount' | 'Fiat' | 'Custom'

export interface RefundInvoiceInput {
  refundVariant: RefundVariant
  payoutMethodId: string
  /** 0-100, decimal text. */
  subtractPercentage?: string
  customAmount?: string
  customCurrency?: string
  name?: string
  description?: string
}

/** A whole number sent as a JSON number (kept as text by the lossless parser). */
const wholeNumber = z
  .string()
  .regex(/^-?\d{1,12}$/, 'expected a whole number')
  .transform(Number)

/**
 * One item of a Point of Sale app (BTCPay's AppItem, `GET /api/v1/apps/pos/{appId}`). `price` is
 * null for `Topup` (the customer's amount); `inventory` null when BTCPay does not count it.
 */
export const posAppItemSchema = z.object({
  id: z.string().min(1).max(200),
  title: z.string().max(200),
  disabled: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  description: nullableText,
  categories: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
  image: nullableText,
  priceType: z.enum(['Fixed', 'Topup', 'Minimum']).catch('Fixed'),
  price: nullableDecimal,
  inventory: wholeNumber.nullish().transform((v) => v ?? null),
})
export type PosAppItem = z.output<typeof posAppItemSchema>

/** PointOfSaleAppData: the app's settings the till uses and its items. */
export const posAppSchema = z.object({
  id: z.string().min(1),
  appName: nullableText,
  title: nullableText,
  storeId: z.string().min(1),
  currency: z.string().regex(/^[A-Za-z]{3}$/),
  showCustomAmount: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  enableTips: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  tipText: nullableText,
  customTipPercentages: z
    .array(wholeNumber)
    .nullish()
    .transform((v) => v ?? []),
  items: z
    .array(posAppItemSchema)
    .nullish()
    .transform((v) => v ?? []),
})
export type PosApp = z.output<typeof posAppSchema>

/** AppBaseData: one entry of the store's apps list (every app type; the till wants PointOfSale). */
export const appBaseSchema = z.object({
  id: z.string().min(1),
  appName: nullableText,
  appType: z.string(),
  archived: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
})
export type AppBase = z.output<typeof appBaseSchema>
export const appListSchema = z.array(appBaseSchema)
