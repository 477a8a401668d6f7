import type { TranslationKey } from '../i18n'

/**
 * What BTCPay's embedded checkout posts to its parent (btcpay-protocol.md §4): 'loaded', 'close'
 * and `{invoiceId, status}`, with status in the 2.x vocabulary (New, Processing, Settled, Expired,
 * Invalid) or the 1.x one (new, paid, confirmed, complete, expired, invalid). A status is only a
 * hint for the screen: the sale's phase comes from main, never from the frame.
 */
export type CheckoutStatus = 'new' | 'processing' | 'settled' | 'expired' | 'invalid'

export type CheckoutMessage =
  { kind: 'loaded' } | { kind: 'close' } | { kind: 'status'; status: CheckoutStatus }

const statuses: Record<string, CheckoutStatus> = {
  New: 'new',
  Processing: 'processing',
  Settled: 'settled',
  Expired: 'expired',
  Invalid: 'invalid',
  new: 'new',
  paid: 'processing',
  confirmed: 'settled',
  complete: 'settled',
  expired: 'expired',
  invalid: 'invalid',
}

/** Reads one message's data; null for anything else, or a status about another invoice. */
export function readCheckoutMessage(
  data: unknown,
  invoiceId: string | null,
): CheckoutMessage | null {
  if (data === 'loaded') return { kind: 'loaded' }
  if (data === 'close') return { kind: 'close' }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null
  const { invoiceId: id, status } = data as Record<string, unknown>
  if (typeof id !== 'string' || typeof status !== 'string') return null
  if (invoiceId === null || id !== invoiceId) return null
  const mapped = Object.hasOwn(statuses, status) ? statuses[status] : undefined
  return mapped ? { kind: 'status', status: mapped } : null
}

export const checkoutHints: Record<CheckoutStatus, TranslationKey> = {
  new: 'embed.hintNew',
  processing: 'embed.hintProcessing',
  settled: 'embed.hintSettled',
  expired: 'embed.hintExpired',
  invalid: 'embed.hintInvalid',
}
