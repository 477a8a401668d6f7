/**
 * What a damaged journal line still says. A line that is not valid JSON (a flipped byte, a
 * half-overwritten sector) often keeps most of its `"key":value` pairs intact; each is read on its
 * own. A key counts only right after `{` or `,`: inside a JSON string a quote is always escaped
 * (`\"`), so text a cashier typed into a description cannot pose as a field.
 */
import { isSaleStatus, type Sale } from './sale'

export interface Salvaged {
  /** 'sale' for a full record (`"S"`), 'patch' for a change (`"P"`), null when neither is legible. */
  kind: 'sale' | 'patch' | null
  id: string | null
  /** The whole sale, when every field a sale needs was legible. */
  sale: Sale | null
}

function stringField(text: string, key: string): string | null {
  const m = new RegExp(`[{,]"${key}":"((?:[^"\\\\]|\\\\.)*)"`).exec(text)
  if (!m) return null
  try {
    return JSON.parse(`"${m[1]}"`) as string
  } catch {
    return null
  }
}

function intField(text: string, key: string): number | null {
  const m = new RegExp(`[{,]"${key}":(-?\\d{1,16})[,}]`).exec(text)
  const n = m ? Number(m[1]) : Number.NaN
  return Number.isSafeInteger(n) ? n : null
}

export function salvageLine(text: string): Salvaged {
  const saleId = stringField(text, 'S')
  const patchId = saleId === null ? stringField(text, 'P') : null
  const kind = saleId !== null ? 'sale' : patchId !== null ? 'patch' : null
  const id = saleId ?? patchId
  if (kind !== 'sale' || !id) return { kind, id: id || null, sale: null }
  const orderId = stringField(text, 'o')
  const sequence = intField(text, 'n')
  const createdAt = intField(text, 'c')
  const amountMinor = intField(text, 'a')
  const currency = stringField(text, 'cur')
  if (
    !orderId ||
    sequence === null ||
    sequence < 0 ||
    createdAt === null ||
    amountMinor === null ||
    amountMinor <= 0 ||
    currency === null ||
    !/^[A-Z]{3}$/.test(currency)
  ) {
    return { kind, id, sale: null }
  }
  const status = stringField(text, 's')
  return {
    kind,
    id,
    sale: {
      id,
      orderId,
      sequence,
      createdAt,
      updatedAt: intField(text, 'u') ?? createdAt,
      amountMinor,
      currency,
      description: stringField(text, 'd'),
      cashier: stringField(text, 'k'),
      invoiceId: stringField(text, 'inv'),
      // Without a legible status the sale is looked up at BTCPay by its orderId (reconcile).
      status: isSaleStatus(status) ? status : 'creating',
      exceptionStatus: 'none',
      checkoutLink: stringField(text, 'l'),
      expiresAt: intField(text, 'e'),
      cancelledAt: intField(text, 'ca'),
      // A damaged line's items are not pieced together: the amount above is what was charged.
      cart: null,
      paymentRequestId: stringField(text, 'pr'),
      rev: intField(text, 'r') ?? 1,
    },
  }
}
