import { z } from 'zod'
import { settingsSchema } from './settings'

/** The QR codes a sale can show: the BIP21 link or the Lightning invoice. */
export const paymentMethodSchema = z.enum(['onchain', 'lightning'])
export type PaymentMethod = z.infer<typeof paymentMethodSchema>

/** On every screen: whose display it is, and the shop's language for its words. */
const shop = { shopName: z.string(), language: settingsSchema.shape.language }

/**
 * What the customer display may know of the till: the shop's name, the amount, the payment links
 * and the result. Nothing else of the sale (ids, order number, cashier, BTCPay links, trouble
 * messages) reaches the customer's window.
 */
export const customerViewSchema = z.discriminatedUnion('screen', [
  z.strictObject({ screen: z.literal('idle'), ...shop }),
  z.strictObject({
    screen: z.literal('charge'),
    ...shop,
    amountMinor: z.int(),
    currency: z.string(),
    /** Null while the invoice is being made. */
    payment: z
      .strictObject({
        bip21: z.string().nullable(),
        bolt11: z.string().nullable(),
        /** Still due in BTC, exact decimal text. */
        btcDue: z.string().nullable(),
      })
      .nullable(),
    expiresAt: z.number().nullable(),
    /** Part of it is paid: the QR asks for the rest. */
    partlyPaid: z.boolean(),
    /** The QR code the till shows, so both screens show the same; null: the preferred one. */
    method: paymentMethodSchema.nullable(),
  }),
  z.strictObject({
    screen: z.literal('paid'),
    ...shop,
    amountMinor: z.int(),
    currency: z.string(),
  }),
  z.strictObject({ screen: z.literal('expired'), ...shop }),
  /** A refund the customer claims by scanning its claim page (or LNURL-withdraw) QR code. */
  z.strictObject({
    screen: z.literal('refund'),
    ...shop,
    /** As BTCPay wrote it ("0.00025" BTC, "4.50" USD). */
    amount: z.string().nullable(),
    amountCurrency: z.string().nullable(),
    claimLink: z.string(),
    lnurl: z.string().nullable(),
  }),
  /** The tip question of a cart, put to the customer (see ./customer-tip.ts). */
  z.strictObject({
    screen: z.literal('tip'),
    ...shop,
    questionId: z.string(),
    subtotalMinor: z.int(),
    currency: z.string(),
    /** The shop's own question (the PoS app's tip text), or null for the usual words. */
    text: z.string().nullable(),
    options: z.array(z.strictObject({ percent: z.int(), tipMinor: z.int() })),
    /** The largest tip the customer may type. */
    customMaxMinor: z.int(),
  }),
])
export type CustomerView = z.infer<typeof customerViewSchema>
