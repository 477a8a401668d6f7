import { z } from 'zod'

/** How a sale was paid, in a report: 'unknown' when BTCPay's details never arrived, 'none' when no money did. */
export const reportMethods = ['lightning', 'on-chain', 'unknown', 'none'] as const
export type ReportMethod = (typeof reportMethods)[number]

const count = z.int().min(0)
const minor = z.int()

/** Figures of one report row; amounts in integer minor units of the row's currency. */
export const figuresSchema = z.strictObject({
  /** Sales paid (settled, or paid and awaiting confirmation). */
  sales: count,
  grossMinor: minor,
  /** Of those, still awaiting confirmation. */
  unconfirmed: count,
  unconfirmedMinor: minor,
  /** Sales cancelled before payment. */
  voids: count,
  voidsMinor: minor,
  refunds: count,
  refundsMinor: minor,
  /** gross - refunds. */
  netMinor: minor,
  /** gross / sales, rounded half up; 0 without sales. */
  averageMinor: minor,
  paidLate: count,
  overpaid: count,
  /** Expired after a partial payment: the customer paid less than due. */
  underpaid: count,
  underpaidMinor: minor,
  /** Still waiting for payment (or for BTCPay's answer) when the report was made. */
  open: count,
  openMinor: minor,
  /** Of gross, the customers' tips (cart sales with a tip). */
  tipsMinor: minor,
  /** Of the sales, payments taken at the counter on payment requests (counted once, as sales). */
  requestPayments: count,
  requestPaymentsMinor: minor,
})
export type Figures = z.infer<typeof figuresSchema>

export const reportRowSchema = figuresSchema.extend({
  /** null: the whole till; otherwise the cashier's name ('' for sales without one). */
  cashier: z.string().nullable(),
  currency: z.string(),
  method: z.enum([...reportMethods, 'all']),
})
export type ReportRow = z.infer<typeof reportRowSchema>

export const reportSchema = z.strictObject({
  from: z.int(),
  to: z.int(),
  rows: z.array(reportRowSchema),
})
export type Report = z.infer<typeof reportSchema>

export const shiftSchema = z.strictObject({
  id: z.string().min(1),
  cashier: z.string().max(64),
  /** Cash in the drawer at opening (a till that also takes cash), minor units of `currency`. */
  openingFloatMinor: z.int().min(0).nullable(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  openedAt: z.int(),
  closedAt: z.int().nullable(),
  /** The Z-report, frozen at closing. */
  zReport: reportSchema.nullable(),
})
export type Shift = z.infer<typeof shiftSchema>

export const openShiftInputSchema = z.strictObject({
  cashier: z.string().trim().min(1).max(64),
  /** Decimal text in the till's currency, as typed; empty or absent: no cash float. */
  openingFloat: z.string().max(40).optional(),
})

const epoch = z.int().min(0).max(8_640_000_000_000_000)
/** A shift (its Z-report once closed, else an X-report now) or a half-open time range. */
export const reportPeriodSchema = z.union([
  z.strictObject({ shiftId: z.string().min(1).max(64) }),
  z.strictObject({ from: epoch, to: epoch }),
])
export type ReportPeriod = z.infer<typeof reportPeriodSchema>

export const shiftReportSchema = z.strictObject({
  shift: shiftSchema.nullable(),
  report: reportSchema,
})
