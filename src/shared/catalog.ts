import { z } from 'zod'
import { sentencesSchema } from './ipc/sentence'

/**
 * The store's catalog as the till shows it (read from a BTCPay Point of Sale app by main), the
 * cart lines a charge carries, and parked carts. Money is integer minor units of the catalog's
 * currency.
 */

const minorSchema = z.int().min(0).max(1e15)
const itemIdSchema = z.string().min(1).max(200)
/** What a USB scanner types: printable ASCII, no spaces. */
export const barcodeSchema = z
  .string()
  .trim()
  .regex(/^[\x21-\x7e]{1,64}$/, 'letters, digits and symbols without spaces, at most 64')

export const catalogItemSchema = z.strictObject({
  id: itemIdSchema,
  title: z.string(),
  description: z.string().nullable(),
  category: z.string().nullable(),
  /** fixed: priceMinor; minimum: at least priceMinor, typed; custom: typed (BTCPay's Topup). */
  priceType: z.enum(['fixed', 'minimum', 'custom']),
  priceMinor: minorSchema.nullable(),
  /** An app-relative address of the picture main cached (`/catalog-images/…`), or null. */
  image: z.string().nullable(),
  /** Left in stock where BTCPay counts it, else null. */
  inventory: z.int().nullable(),
  /** Barcodes a manager attached to this item on this till. */
  barcodes: z.array(z.string()),
})
export type CatalogItem = z.infer<typeof catalogItemSchema>

export const catalogViewSchema = z.strictObject({
  /** The PoS app the manager picked, or null (keypad-only till). */
  appId: z.string().nullable(),
  title: z.string().nullable(),
  currency: z.string().nullable(),
  items: z.array(catalogItemSchema),
  tips: z.strictObject({
    enabled: z.boolean(),
    percentages: z.array(z.int().min(1).max(100)),
    text: z.string().nullable(),
  }),
  /** When this copy was read from BTCPay (ms since epoch), null before the first read. */
  fetchedAt: z.number().nullable(),
  /** Why the last refresh failed, in English (logs); the last copy stays in use. */
  trouble: z.string().nullable(),
  /** The same as sentences the till words in its language. */
  troubleWords: sentencesSchema.optional(),
})
export type CatalogView = z.infer<typeof catalogViewSchema>

/** The tip step's percentages: the PoS app's own, else the ones the manager set on this till. */
export const tipPercentagesFor = (
  catalog: CatalogView,
  managers: readonly number[],
): readonly number[] => (catalog.tips.percentages.length > 0 ? catalog.tips.percentages : managers)

/** A tip of `percent` on `subtotalMinor`, rounded half up to a whole minor unit. */
export const tipFor = (subtotalMinor: number, percent: number) =>
  Math.floor((subtotalMinor * percent + 50) / 100)

export const catalogAppInputSchema = z.strictObject({
  appId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'the id from the app’s address in BTCPay')
    .nullable(),
})
/** The store's Point of Sale apps the manager picks the catalog from (archived ones left out). */
export const posAppListSchema = z.array(
  z.strictObject({ id: z.string(), name: z.string().nullable() }),
)
export type PosAppList = z.infer<typeof posAppListSchema>

export const barcodeInputSchema = z.strictObject({ itemId: itemIdSchema, barcode: barcodeSchema })

/** One cart line as the renderer sends it: main prices catalog items itself. */
export const cartLineInputSchema = z.strictObject({
  /** A catalog item, or null for an amount typed on the keypad. */
  itemId: itemIdSchema.nullable(),
  quantity: z.int().min(1).max(999),
  /** Typed decimal text: needed for custom and minimum items and keypad lines. */
  amount: z.string().max(40).optional(),
})
export type CartLineInput = z.infer<typeof cartLineInputSchema>

export const cartInputSchema = z.strictObject({
  lines: z.array(cartLineInputSchema).min(1).max(200),
  /** The customer's tip in minor units (0: none); a line of its own on the invoice. */
  tipMinor: minorSchema,
  /** The percentage the customer chose, when it was one (for BTCPay's posData). */
  tipPercent: z.int().min(1).max(100).nullable(),
})
export type CartInput = z.infer<typeof cartInputSchema>

/** A priced cart line, as the journal, history and CSV keep it. */
export const cartLineSchema = z.strictObject({
  itemId: itemIdSchema.nullable(),
  title: z.string().max(200),
  unitMinor: minorSchema,
  quantity: z.int().min(1).max(999),
})
export type CartLine = z.infer<typeof cartLineSchema>

export const parkedCartSchema = z.strictObject({
  id: z.string().min(1).max(64),
  parkedAt: z.number(),
  currency: z.string(),
  lines: z.array(cartLineInputSchema.extend({ title: z.string().max(200) })).min(1),
  totalMinor: minorSchema,
})
export type ParkedCart = z.infer<typeof parkedCartSchema>
export const parkCartInputSchema = z.strictObject({
  lines: z.array(cartLineInputSchema).min(1).max(200),
})
export const parkedCartRefSchema = z.strictObject({ cartId: z.string().min(1).max(64) })
export const parkedCartListSchema = z.strictObject({ carts: z.array(parkedCartSchema) })

/** The item a scanned code names: a barcode attached on this till, else BTCPay's item id (itemCode). */
export function itemForCode(items: readonly CatalogItem[], code: string): CatalogItem | null {
  return items.find((i) => i.barcodes.includes(code)) ?? items.find((i) => i.id === code) ?? null
}

/** The items of a sale rung up from a cart, and the customer's tip (a line of its own). */
export const saleCartSchema = z.strictObject({
  lines: z.array(cartLineSchema).min(1).max(200),
  tipMinor: minorSchema,
})
export type SaleCart = z.infer<typeof saleCartSchema>
