// The invoice model and its state machine (BTCPay's InvoiceWatcher, reduced to what a POS sees):
// payments move an invoice New -> Processing -> Settled, or it expires, is paid late, partially,
// over, invalidated or marked. Amounts are BigInt sats and fiat minor units.
import { randomBytes } from 'node:crypto'
import { newRegtestAddress, newRegtestBolt11, randomBase58 } from './encoding'
import type { Rate } from './money'
import { divisibilityOf, fiatMinorToSats, satsToFiatMinor, toUnits } from './money'

export type InvoiceStatus = 'New' | 'Processing' | 'Settled' | 'Expired' | 'Invalid'
export type ExceptionStatus = 'None' | 'PaidPartial' | 'PaidOver' | 'PaidLate' | 'Marked'
export type PaymentMethodId = 'BTC-CHAIN' | 'BTC-LN'
export type PaymentStatus = 'Processing' | 'Settled' | 'Invalid'
export const PAYMENT_METHODS: readonly PaymentMethodId[] = ['BTC-CHAIN', 'BTC-LN']

export interface Payment {
  id: string
  method: PaymentMethodId
  sats: bigint
  receivedAt: number
  status: PaymentStatus
  destination: string
}

export interface Prompt {
  method: PaymentMethodId
  destination: string
}

export interface CheckoutOptions {
  speedPolicy: string
  redirectURL: string | null
  redirectAutomatically: boolean
  defaultLanguage: string | null
  paymentTolerance: number
  defaultPaymentMethod: string | null
}

export interface Invoice {
  id: string
  storeId: string
  createdAt: number
  expiresAt: number
  monitoringExpiresAt: number
  type: 'Standard' | 'TopUp'
  /** Price as a decimal string rounded to the currency's divisibility; null for a top-up invoice. */
  price: string | null
  priceMinor: bigint
  currency: string
  rate: Rate
  /** What the customer must pay, in sats (0 for top-up). */
  dueSats: bigint
  prompts: Prompt[]
  payments: Payment[]
  status: InvoiceStatus
  exceptionStatus: ExceptionStatus
  metadata: Record<string, unknown>
  /** Legacy posData exactly as the legacy API received it (string), if any. */
  posDataLegacy: string | null
  additionalSearchTerms: string[]
  checkout: CheckoutOptions
  receipt: { enabled: boolean | null; showQR: boolean | null; showPayments: boolean | null }
  notificationURL: string | null
  notificationEmail: string | null
  fullNotifications: boolean
  extendedNotifications: boolean
  /** scheme://host as seen when the invoice was created (BTCPay's ServerUrl). */
  serverUrl: string
  archived: boolean
  /** Bumped on every change; the status websocket sends one frame per bump. */
  version: number
}

export interface NewInvoiceInput {
  storeId: string
  now: number
  price: string | null
  currency: string
  rate: Rate
  expiresAt: number
  monitoringMs: number
  paymentMethods: PaymentMethodId[]
  metadata: Record<string, unknown>
  posDataLegacy?: string | null
  additionalSearchTerms?: string[]
  checkout: CheckoutOptions
  receipt?: Invoice['receipt']
  notificationURL?: string | null
  notificationEmail?: string | null
  fullNotifications?: boolean
  extendedNotifications?: boolean
  serverUrl: string
}

export function createInvoice(input: NewInvoiceInput): Invoice {
  const div = divisibilityOf(input.currency) ?? 2
  const priceMinor = input.price === null ? 0n : toUnits(input.price, div)
  const isBitcoin = input.currency === 'BTC' || input.currency === 'SATS'
  const dueSats = isBitcoin ? priceMinor : fiatMinorToSats(priceMinor, div, input.rate)
  const prompts: Prompt[] = input.paymentMethods.map((method) => ({
    method,
    destination: method === 'BTC-CHAIN' ? newRegtestAddress() : newRegtestBolt11(dueSats),
  }))
  return {
    id: randomBase58(16),
    storeId: input.storeId,
    createdAt: input.now,
    expiresAt: input.expiresAt,
    monitoringExpiresAt: input.expiresAt + input.monitoringMs,
    type: input.price === null ? 'TopUp' : 'Standard',
    price: input.price,
    priceMinor,
    currency: input.currency,
    rate: input.rate,
    dueSats,
    prompts,
    payments: [],
    // A zero-priced standard invoice has nothing to wait for.
    status: input.price !== null && priceMinor === 0n ? 'Settled' : 'New',
    exceptionStatus: 'None',
    metadata: input.metadata,
    posDataLegacy: input.posDataLegacy ?? null,
    additionalSearchTerms: input.additionalSearchTerms ?? [],
    checkout: input.checkout,
    receipt: input.receipt ?? { enabled: null, showQR: null, showPayments: null },
    notificationURL: input.notificationURL ?? null,
    notificationEmail: input.notificationEmail ?? null,
    fullNotifications: input.fullNotifications ?? false,
    extendedNotifications: input.extendedNotifications ?? false,
    serverUrl: input.serverUrl,
    archived: false,
    version: 0,
  }
}

// --- accounting ------------------------------------------------------------------------------

/** Sats paid by payments that count (not invalid). */
export const paidSats = (inv: Invoice): bigint =>
  inv.payments.filter((p) => p.status !== 'Invalid').reduce((sum, p) => sum + p.sats, 0n)

export const paidSatsVia = (inv: Invoice, method: PaymentMethodId): bigint =>
  inv.payments
    .filter((p) => p.status !== 'Invalid' && p.method === method)
    .reduce((sum, p) => sum + p.sats, 0n)

/** Remaining sats; negative when overpaid; 0 for a paid top-up. */
export function remainingSats(inv: Invoice): bigint {
  if (inv.type === 'TopUp') return 0n
  return inv.dueSats - paidSats(inv)
}

/** Paid amount in the invoice currency's minor units, exact for a full payment. */
export function paidMinor(inv: Invoice): bigint {
  const paid = paidSats(inv)
  const div = divisibilityOf(inv.currency) ?? 2
  const convert = (sats: bigint): bigint =>
    inv.currency === 'BTC' || inv.currency === 'SATS' ? sats : satsToFiatMinor(sats, div, inv.rate)
  if (inv.type === 'Standard' && paid >= inv.dueSats)
    return inv.priceMinor + convert(paid - inv.dueSats)
  return convert(paid)
}

export const isFinal = (inv: Invoice): boolean =>
  inv.status === 'Settled' || inv.status === 'Invalid' || inv.status === 'Expired'

// --- transitions -----------------------------------------------------------------------------

export class InvoiceStateError extends Error {}

function touch(inv: Invoice): Invoice {
  inv.version++
  return inv
}

/** A payment arrives (control API). On-chain payments wait for `confirm`; Lightning settles now. */
export function addPayment(
  inv: Invoice,
  sats: bigint,
  method: PaymentMethodId,
  now: number,
): Invoice {
  if (sats <= 0n) throw new InvoiceStateError('payment amount must be positive')
  if (inv.status === 'Invalid' || inv.status === 'Settled') {
    if (inv.exceptionStatus !== 'Marked')
      throw new InvoiceStateError(`invoice is ${inv.status}; it no longer accepts payments`)
  }
  const prompt = inv.prompts.find((p) => p.method === method)
  if (!prompt) throw new InvoiceStateError(`invoice has no ${method} payment method`)
  inv.payments.push({
    id: `${randomBytes(32).toString('hex')}-${inv.payments.length}`,
    method,
    sats,
    receivedAt: now,
    status: method === 'BTC-LN' ? 'Settled' : 'Processing',
    destination: prompt.destination,
  })
  const paid = paidSats(inv)
  const full = inv.type === 'TopUp' ? paid > 0n : paid >= inv.dueSats
  const over = inv.type === 'Standard' && paid > inv.dueSats
  if (inv.status === 'New') {
    if (full) {
      inv.status = inv.payments.every((p) => p.status === 'Settled') ? 'Settled' : 'Processing'
      inv.exceptionStatus = over ? 'PaidOver' : 'None'
    } else {
      inv.exceptionStatus = 'PaidPartial'
    }
  } else if (inv.status === 'Expired') {
    inv.exceptionStatus = full ? 'PaidLate' : 'PaidPartial'
  } else if (over && inv.exceptionStatus !== 'Marked') {
    inv.exceptionStatus = 'PaidOver'
  }
  return touch(inv)
}

/** Enough confirmations arrive: every payment settles; a Processing invoice becomes Settled. */
export function confirm(inv: Invoice): Invoice {
  if (inv.payments.length === 0) throw new InvoiceStateError('invoice has no payment to confirm')
  for (const p of inv.payments) if (p.status === 'Processing') p.status = 'Settled'
  if (inv.status === 'Processing') inv.status = 'Settled'
  return touch(inv)
}

/** Expiration time passes without full payment (`now`: expired early, by a test, at that instant). */
export function expire(inv: Invoice, now = inv.expiresAt): Invoice {
  if (inv.status !== 'New')
    throw new InvoiceStateError(`only a New invoice can expire (is ${inv.status})`)
  inv.status = 'Expired'
  inv.expiresAt = Math.min(inv.expiresAt, now)
  return touch(inv)
}

/** Payment failed to confirm before the monitoring deadline (or was double spent). */
export function invalidate(inv: Invoice): Invoice {
  if (inv.status === 'Settled' || inv.status === 'Invalid')
    throw new InvoiceStateError(`a ${inv.status} invoice cannot become Invalid`)
  for (const p of inv.payments) if (p.status === 'Processing') p.status = 'Invalid'
  inv.status = 'Invalid'
  inv.exceptionStatus = 'None'
  return touch(inv)
}

/** InvoiceState.CanMarkComplete / CanMarkInvalid. */
export function markableStatuses(inv: Invoice): InvoiceStatus[] {
  const out: InvoiceStatus[] = []
  const open = inv.status === 'New' || inv.status === 'Processing' || inv.status === 'Expired'
  if (
    open ||
    inv.status === 'Invalid' ||
    (inv.status !== 'Settled' && inv.exceptionStatus === 'Marked')
  )
    out.push('Settled')
  if (open || (inv.status === 'Settled' && inv.exceptionStatus === 'Marked')) out.push('Invalid')
  return out
}

/** The merchant marks the invoice Settled or Invalid by hand. */
export function mark(inv: Invoice, status: 'Settled' | 'Invalid'): Invoice {
  if (!markableStatuses(inv).includes(status))
    throw new InvoiceStateError(`cannot mark a ${inv.status} invoice as ${status}`)
  inv.status = status
  inv.exceptionStatus = 'Marked'
  return touch(inv)
}

/** The legacy API's lowercase names (InvoiceStatusLegacyExtensions). */
export const LEGACY_STATUS: Readonly<Record<InvoiceStatus, string>> = {
  New: 'new',
  Processing: 'paid',
  Settled: 'complete',
  Expired: 'expired',
  Invalid: 'invalid',
}

export const LEGACY_EXCEPTION: Readonly<Record<ExceptionStatus, string | false>> = {
  None: false,
  PaidPartial: 'paidPartial',
  PaidOver: 'paidOver',
  PaidLate: 'paidLater',
  Marked: 'marked',
}

/** InvoiceRepository.NormalizeStatus: legacy or Greenfield names, any case. */
export function normalizeStatus(text: string): InvoiceStatus | null {
  switch (text.toLowerCase()) {
    case 'new':
      return 'New'
    case 'paid':
    case 'processing':
      return 'Processing'
    case 'complete':
    case 'confirmed':
    case 'settled':
      return 'Settled'
    case 'expired':
      return 'Expired'
    case 'invalid':
      return 'Invalid'
    default:
      return null
  }
}

export function parsePaymentMethodId(text: string): PaymentMethodId | null {
  switch (text.toUpperCase()) {
    case 'BTC':
    case 'BTC-CHAIN':
    case 'BTC-ONCHAIN':
    case 'BTC_ONCHAIN':
    case 'BTCLIKE':
      return 'BTC-CHAIN'
    case 'BTC-LN':
    case 'BTC-LIGHTNINGNETWORK':
    case 'BTC_LIGHTNINGLIKE':
    case 'BTC-LIGHTNINGLIKE':
      return 'BTC-LN'
    default:
      return null
  }
}
