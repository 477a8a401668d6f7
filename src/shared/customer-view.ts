import { z } from 'zod'

/**
 * What the customer display may know of the till: the shop's name, the amount, the payment links
 * and the result. Nothing else of the sale (ids, order number, cashier, BTCPay links, trouble
 * messages) reaches the customer's window.
 */
export const customerViewSchema = z.discriminatedUnion('screen', [
  z.strictObject({ screen: z.literal('idle'), shopName: z.string() }),
  z.strictObject({
    screen: z.literal('charge'),
    shopName: z.string(),
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
  }),
  z.strictObject({
    screen: z.literal('paid'),
    shopName: z.string(),
    amountMinor: z.int(),
    currency: z.string(),
  }),
  z.strictObject({ screen: z.literal('expired'), shopName: z.string() }),
])
export type CustomerView = z.infer<typeof customerViewSchema>
