/**
 * The journal's line format: JSON lines, UTF-8, '\n' after every line. Keys are short because
 * start-up time is mostly JSON parsing, which grows with the bytes (see README.md here).
 *
 *   {"journal":"btcpay-cashier-sales","v":1,"day":"2026-11-21"}   first line of every file
 *   {"S":id, …all fields}                                          a full record (new or compacted)
 *   {"P":id,"r":rev,"u":updatedAt, …changed fields}                a patch
 *
 *   S/P id   o orderId   n sequence   c createdAt   u updatedAt   a amountMinor   cur currency
 *   d description   k cashier   inv invoiceId   s status   x exceptionStatus   l checkoutLink
 *   e expiresAt   ca cancelledAt   ct cart (items and tip)   pr paymentRequestId   r rev
 *
 * Full records leave out null fields and exceptionStatus 'none'; patches write every changed
 * field, null included. Only the fields named here are written, so nothing else a caller's
 * object carries (least of all a secret) can reach the disk.
 */
import { saleCartSchema } from '../../shared/catalog'
import { isExceptionStatus, isSaleStatus, type Sale, type SalePatch } from './sale'

export const JOURNAL_MAGIC = 'btcpay-cashier-sales'
export const FORMAT_VERSION = 1

export interface HeaderLine {
  kind: 'header'
  v: number
  day: string
}

export interface PatchLine {
  kind: 'patch'
  id: string
  rev: number
  updatedAt: number
  patch: SalePatch
}

/** One decoded line. A full record is the Sale itself: no wrapper for the line nearly all are. */
export type JournalLine = Sale | PatchLine | HeaderLine

export function encodeHeader(dayKey: string): string {
  return `${JSON.stringify({ journal: JOURNAL_MAGIC, v: FORMAT_VERSION, day: dayKey })}\n`
}

export function encodeSale(sale: Sale): string {
  const o: Record<string, unknown> = {
    S: sale.id,
    o: sale.orderId,
    n: sale.sequence,
    c: sale.createdAt,
    u: sale.updatedAt,
    a: sale.amountMinor,
    cur: sale.currency,
    s: sale.status,
    r: sale.rev,
  }
  if (sale.exceptionStatus !== 'none') o.x = sale.exceptionStatus
  if (sale.description !== null) o.d = sale.description
  if (sale.cashier !== null) o.k = sale.cashier
  if (sale.invoiceId !== null) o.inv = sale.invoiceId
  if (sale.checkoutLink !== null) o.l = sale.checkoutLink
  if (sale.expiresAt !== null) o.e = sale.expiresAt
  if (sale.cancelledAt !== null) o.ca = sale.cancelledAt
  if (sale.cart !== null) o.ct = sale.cart
  if (sale.paymentRequestId !== null) o.pr = sale.paymentRequestId
  return `${JSON.stringify(o)}\n`
}

export function encodePatch(id: string, rev: number, updatedAt: number, patch: SalePatch): string {
  const o: Record<string, unknown> = { P: id, r: rev, u: updatedAt }
  if (patch.invoiceId !== undefined) o.inv = patch.invoiceId
  if (patch.status !== undefined) o.s = patch.status
  if (patch.exceptionStatus !== undefined) o.x = patch.exceptionStatus
  if (patch.checkoutLink !== undefined) o.l = patch.checkoutLink
  if (patch.expiresAt !== undefined) o.e = patch.expiresAt
  if (patch.cancelledAt !== undefined) o.ca = patch.cancelledAt
  return `${JSON.stringify(o)}\n`
}

// ---- validation, shared by the decoder and by record/update ----

export const isSafeInt = (v: unknown): v is number => Number.isSafeInteger(v)
const isNullableString = (v: unknown): v is string | null => v === null || typeof v === 'string'
const isNullableInt = (v: unknown): v is number | null => v === null || Number.isSafeInteger(v)

/** Three capital letters (ISO 4217), checked without a regular expression: it runs per sale at load. */
function isCurrencyCode(v: unknown): v is string {
  if (typeof v !== 'string' || v.length !== 3) return false
  for (let i = 0; i < 3; i++) {
    const c = v.charCodeAt(i)
    if (c < 65 || c > 90) return false
  }
  return true
}

/** Why a sale is not acceptable, or null when it is. */
export function saleProblem(s: Record<string, unknown>): string | null {
  if (typeof s.id !== 'string' || s.id === '') return 'id must be a non-empty string'
  if (typeof s.orderId !== 'string' || s.orderId === '') return 'orderId must be a non-empty string'
  if (!isSafeInt(s.sequence) || s.sequence < 0) return 'sequence must be a whole number >= 0'
  if (!isSafeInt(s.createdAt)) return 'createdAt must be whole epoch milliseconds'
  if (!isSafeInt(s.amountMinor) || s.amountMinor <= 0) {
    return 'amountMinor must be a whole number of minor units > 0'
  }
  if (!isCurrencyCode(s.currency)) return 'currency must be an ISO 4217 code'
  if (!isNullableString(s.description)) return 'description must be a string or null'
  if (!isNullableString(s.cashier)) return 'cashier must be a string or null'
  if (s.cart !== undefined && s.cart !== null && !saleCartSchema.safeParse(s.cart).success) {
    return 'cart must be priced lines and a tip in minor units, or null'
  }
  if (s.paymentRequestId !== undefined && !isNullableString(s.paymentRequestId)) {
    return 'paymentRequestId must be a string or null'
  }
  return patchProblem(s)
}

/** Why the patchable fields present in `p` are not acceptable, or null. */
export function patchProblem(p: Record<string, unknown>): string | null {
  if (p.invoiceId !== undefined && !isNullableString(p.invoiceId)) {
    return 'invoiceId must be a string or null'
  }
  if (p.status !== undefined && !isSaleStatus(p.status)) return 'status is not a sale status'
  if (p.exceptionStatus !== undefined && !isExceptionStatus(p.exceptionStatus)) {
    return 'exceptionStatus is not an exception status'
  }
  if (p.checkoutLink !== undefined && !isNullableString(p.checkoutLink)) {
    return 'checkoutLink must be a string or null'
  }
  if (p.expiresAt !== undefined && !isNullableInt(p.expiresAt)) {
    return 'expiresAt must be whole epoch milliseconds or null'
  }
  if (p.cancelledAt !== undefined && !isNullableInt(p.cancelledAt)) {
    return 'cancelledAt must be whole epoch milliseconds or null'
  }
  return null
}

// ---- decoding ----

/** One parsed line, or null when it is not a valid journal line. */
export function decodeLine(text: string): JournalLine | null {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return null
  }
  return decodeValue(raw)
}

type Raw = Record<string, unknown>
const optString = (v: unknown): v is string | null | undefined =>
  v === undefined || v === null || typeof v === 'string'
const optInt = (v: unknown): v is number | null | undefined =>
  v === undefined || v === null || Number.isSafeInteger(v)

/** Turns a parsed JSON value into a line (fields copied one by one), or null. */
export function decodeValue(raw: unknown): JournalLine | null {
  if (typeof raw !== 'object' || raw === null) return null
  const o = raw as Raw
  if (typeof o.P === 'string') return decodePatch(o, o.P)
  if (typeof o.S === 'string') return decodeSale(o, o.S)
  if (o.journal === JOURNAL_MAGIC && isSafeInt(o.v) && typeof o.day === 'string') {
    return { kind: 'header', v: o.v, day: o.day }
  }
  return null
}

function decodeSale(o: Raw, id: string): Sale | null {
  const { o: orderId, n, c, u, a, cur, s, r, x, d, k, inv, l, e, ca, ct, pr } = o
  const cart = ct === undefined ? null : saleCartSchema.safeParse(ct)
  if (
    id === '' ||
    typeof orderId !== 'string' ||
    !isSafeInt(n) ||
    !isSafeInt(c) ||
    !isSafeInt(u) ||
    !isSafeInt(a) ||
    a <= 0 ||
    !isCurrencyCode(cur) ||
    !isSaleStatus(s) ||
    !isSafeInt(r) ||
    (x !== undefined && !isExceptionStatus(x)) ||
    !optString(d) ||
    !optString(k) ||
    !optString(inv) ||
    !optString(l) ||
    !optInt(e) ||
    !optInt(ca) ||
    cart?.success === false ||
    !optString(pr)
  ) {
    return null
  }
  return {
    id,
    orderId,
    sequence: n,
    createdAt: c,
    updatedAt: u,
    amountMinor: a,
    currency: cur,
    description: d ?? null,
    cashier: k ?? null,
    invoiceId: inv ?? null,
    status: s,
    exceptionStatus: x ?? 'none',
    checkoutLink: l ?? null,
    expiresAt: e ?? null,
    cancelledAt: ca ?? null,
    cart: cart?.data ?? null,
    paymentRequestId: pr ?? null,
    rev: r,
  }
}

function decodePatch(o: Raw, id: string): PatchLine | null {
  const { r, u, inv, s, x, l, e, ca } = o
  if (!isSafeInt(r) || !isSafeInt(u)) return null
  const patch: SalePatch = {}
  if (inv !== undefined) {
    if (!optString(inv)) return null
    patch.invoiceId = inv
  }
  if (s !== undefined) {
    if (!isSaleStatus(s)) return null
    patch.status = s
  }
  if (x !== undefined) {
    if (!isExceptionStatus(x)) return null
    patch.exceptionStatus = x
  }
  if (l !== undefined) {
    if (!optString(l)) return null
    patch.checkoutLink = l
  }
  if (e !== undefined) {
    if (!optInt(e)) return null
    patch.expiresAt = e
  }
  if (ca !== undefined) {
    if (!optInt(ca)) return null
    patch.cancelledAt = ca
  }
  return { kind: 'patch', id, rev: r, updatedAt: u, patch }
}
