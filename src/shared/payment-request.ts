import { z } from 'zod'

/** BTCPay's statuses of a payment request (it stores them and recomputes on every change). */
export const paymentRequestStatuses = ['Pending', 'Processing', 'Completed', 'Expired'] as const
export type PaymentRequestStatus = (typeof paymentRequestStatuses)[number]

const idSchema = z.string().min(1).max(100)
const epochSchema = z.int().min(0).max(8_640_000_000_000_000)

/** A payment request as the till shows it. Amounts in integer minor units of `currency`. */
export const paymentRequestViewSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  status: z.enum(paymentRequestStatuses),
  amountMinor: z.int(),
  currency: z.string(),
  email: z.string().nullable(),
  /** HTML from the server, passed on as text: the renderer never puts it into the page as HTML. */
  description: z.string().nullable(),
  /** ms since epoch. */
  expiresAt: z.number().nullable(),
  referenceId: z.string().nullable(),
  allowCustomPaymentAmounts: z.boolean(),
  archived: z.boolean(),
  createdAt: z.number(),
  /** BTCPay's public page of the request, for the customer's phone. */
  publicUrl: z.string(),
})
export type PaymentRequestView = z.infer<typeof paymentRequestViewSchema>

/** A Greenfield invoice's status, as the request's page lists its invoices. */
export const requestInvoiceStatuses = [
  'New',
  'Processing',
  'Settled',
  'Expired',
  'Invalid',
] as const

export const paymentRequestDetailSchema = z.strictObject({
  request: paymentRequestViewSchema,
  /** What the customer paid on any of its invoices, converted by BTCPay into the request's currency. */
  paidMinor: z.int(),
  dueMinor: z.int(),
  invoices: z.array(
    z.strictObject({
      id: z.string(),
      status: z.enum(requestInvoiceStatuses),
      /** BTCPay's `additionalStatus`: None, PaidPartial, PaidOver, PaidLate, Marked, Invalid. */
      additionalStatus: z.string().max(40),
      amountMinor: z.int(),
      paidMinor: z.int(),
      createdAt: z.number(),
    }),
  ),
})
export type PaymentRequestDetail = z.infer<typeof paymentRequestDetailSchema>

/** The fields a cashier sets. Amount as typed (decimal text); main checks it again. */
export const paymentRequestFieldsSchema = z.strictObject({
  amount: z.string().max(40),
  /** Empty: the store's default currency. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'A currency is three capital letters, such as USD.')
    .optional(),
  title: z.string().trim().min(1, 'Give the request a title.').max(200),
  email: z.string().trim().max(254).optional(),
  description: z.string().max(5000).optional(),
  expiresAt: epochSchema.nullable().optional(),
  referenceId: z.string().trim().max(100).optional(),
  allowCustomPaymentAmounts: z.boolean().optional(),
})
export type PaymentRequestFields = z.infer<typeof paymentRequestFieldsSchema>

export const paymentRequestRefSchema = z.strictObject({ paymentRequestId: idSchema })
export const paymentRequestUpdateSchema = paymentRequestFieldsSchema.extend({
  paymentRequestId: idSchema,
})
export const paymentRequestPaySchema = z.strictObject({
  paymentRequestId: idSchema,
  /** Omitted: the whole amount due. */
  amount: z.string().max(40).optional(),
})
export const paymentRequestListInputSchema = z.strictObject({
  includeArchived: z.boolean(),
  status: z.enum(paymentRequestStatuses).optional(),
  /** Matches title, reference, e-mail or id, case-insensitively. */
  search: z.string().max(100).optional(),
})
export const paymentRequestListSchema = z.strictObject({
  requests: z.array(paymentRequestViewSchema),
})
