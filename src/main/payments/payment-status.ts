/**
 * What the cashier screens need to know about an invoice, derived from the legacy invoice JSON
 * (shared docs/btcpay-protocol.md §1.8, §1.12). Pure: the same invoice and `now` give the same
 * status.
 *
 * Phase table (legacy `status` × `exceptionStatus`). Rows marked * are combinations BTCPay 2.x's
 * InvoiceWatcher does not produce; they get the answer that never claims more than is known.
 *
 * | status \ exception | none    | paidPartial | paidOver   | paidLate   | marked  |
 * | ------------------ | ------- | ----------- | ---------- | ---------- | ------- |
 * | new                | waiting | partial     | waiting*   | paid-late* | waiting*|
 * | paid               | paid    | paid*       | overpaid   | paid-late* | paid*   |
 * | complete           | settled | settled*    | overpaid   | settled*   | settled |
 * | expired            | expired | expired     | paid-late* | paid-late  | expired*|
 * | invalid            | invalid | invalid*    | invalid*   | invalid*   | invalid |
 *
 * - `paid` = paid in full, awaiting confirmation (Greenfield Processing); `complete` = Settled.
 *   1.x's `confirmed` is read as `complete` (both are Greenfield Settled).
 * - `exceptionStatus` arrives as JSON false (→ none) or a string; 2.x spells the late payment
 *   `"paidLater"`, 1.x `"paidLate"`: both → paidLate. An unknown string → none.
 * - `expired` + paidPartial stays `expired`; `paidText` then says what was received.
 * - `overpaid` with `confirmed: true` is a settled overpayment.
 *
 * `final` (nothing more to watch for): `complete`, `invalid`, and an expired invoice that was paid
 * late. An expired invoice without (full) payment becomes final only once `expiredGraceMs` has
 * passed after its expiration time, measured on the server's clock (`currentTime` of the
 * response, else `now`): BTCPay keeps recording payments to an expired invoice until its
 * monitoring deadline (store setting, 24 h by default) and turns a full one into
 * expired/paidLater, so a watcher keeps looking for a while (see invoice-watcher.ts).
 *
 * Amounts are the invoice's own decimal strings (BTC), never re-computed through floats:
 * `dueText` from `btcDue` (on-chain) or the BTC `cryptoInfo[].due`, only while a payment is still
 * expected (waiting, partial); `paidText` from `btcPaid`, or `totalDue - due` of the chosen
 * `cryptoInfo` entry (exact), null when nothing was paid.
 */
import type { LegacyInvoice, LegacyInvoiceStatus } from '../btcpay/legacy-models'
import { decimalSign, subtractDecimal } from './decimal-text'

export type PaymentPhase =
  'waiting' | 'partial' | 'paid' | 'settled' | 'overpaid' | 'paid-late' | 'expired' | 'invalid'

export type LegacyStatusName = 'new' | 'paid' | 'complete' | 'expired' | 'invalid'
export type ExceptionStatusName = 'none' | 'paidPartial' | 'paidOver' | 'paidLate' | 'marked'

export interface PaymentStatus {
  invoiceId: string
  phase: PaymentPhase
  legacyStatus: LegacyStatusName
  exceptionStatus: ExceptionStatusName
  /** Settled (`complete`) rather than paid and awaiting confirmation. */
  confirmed: boolean
  /** Amount still due (BTC decimal text, exactly as the invoice says), while waiting or partial. */
  dueText: string | null
  /** Amount received so far (BTC decimal text), null when nothing was paid. */
  paidText: string | null
  /** The invoice's expiration time (ms since epoch, server clock). */
  expiresAt: number | null
  final: boolean
  /** When this status was derived (the caller's `now`). */
  observedAt: number
}

/**
 * How long an expired invoice is still watched for a late payment. 30 minutes: a late on-chain
 * payment is normally one broadcast around the deadline, which BTCPay sees within seconds to
 * minutes; BTCPay itself keeps recording payments until the monitoring deadline (24 h by
 * default), far longer than a customer stays at the till. Configurable per watcher.
 */
export const DEFAULT_EXPIRED_GRACE_MS = 30 * 60_000

export function normalizeLegacyStatus(status: LegacyInvoiceStatus): LegacyStatusName {
  return status === 'confirmed' ? 'complete' : status
}

export function normalizeExceptionStatus(value: string | null | undefined): ExceptionStatusName {
  switch (value) {
    case 'paidPartial':
    case 'paidOver':
    case 'marked':
      return value
    case 'paidLater':
    case 'paidLate':
      return 'paidLate'
    default:
      return 'none'
  }
}

const PHASES: Record<LegacyStatusName, Record<ExceptionStatusName, PaymentPhase>> = {
  new: {
    none: 'waiting',
    paidPartial: 'partial',
    paidOver: 'waiting',
    paidLate: 'paid-late',
    marked: 'waiting',
  },
  paid: {
    none: 'paid',
    paidPartial: 'paid',
    paidOver: 'overpaid',
    paidLate: 'paid-late',
    marked: 'paid',
  },
  complete: {
    none: 'settled',
    paidPartial: 'settled',
    paidOver: 'overpaid',
    paidLate: 'settled',
    marked: 'settled',
  },
  expired: {
    none: 'expired',
    paidPartial: 'expired',
    paidOver: 'paid-late',
    paidLate: 'paid-late',
    marked: 'expired',
  },
  invalid: {
    none: 'invalid',
    paidPartial: 'invalid',
    paidOver: 'invalid',
    paidLate: 'invalid',
    marked: 'invalid',
  },
}

/** The phase table above. */
export function phaseOf(status: LegacyStatusName, exception: ExceptionStatusName): PaymentPhase {
  return PHASES[status][exception]
}

type CryptoInfo = LegacyInvoice['cryptoInfo'][number]

const ON_CHAIN = new Set(['BTC-CHAIN', 'BTC', 'BTCLIKE', 'BTC-ONCHAIN', 'BTC_ONCHAIN'])

/** The BTC on-chain entry if there is one, else the first BTC entry, else the first. */
function pickCryptoInfo(invoice: LegacyInvoice): CryptoInfo | undefined {
  const btc = invoice.cryptoInfo.filter((c) => c.cryptoCode.toUpperCase() === 'BTC')
  return (
    btc.find((c) => ON_CHAIN.has(c.paymentType.toUpperCase())) ?? btc[0] ?? invoice.cryptoInfo[0]
  )
}

function dueOf(invoice: LegacyInvoice): string | null {
  const due = invoice.btcDue ?? pickCryptoInfo(invoice)?.due ?? null
  return due !== null && decimalSign(due) === 1 ? due : null
}

function paidOf(invoice: LegacyInvoice): string | null {
  let paid = invoice.btcPaid
  if (paid === null) {
    const info = pickCryptoInfo(invoice)
    if (info?.totalDue != null && info.due !== null) paid = subtractDecimal(info.totalDue, info.due)
  }
  return paid !== null && decimalSign(paid) === 1 ? paid : null
}

export interface PaymentStatusOptions {
  /** Default DEFAULT_EXPIRED_GRACE_MS. */
  expiredGraceMs?: number
}

export function paymentStatusOf(
  invoice: LegacyInvoice,
  now: number,
  options: PaymentStatusOptions = {},
): PaymentStatus {
  const legacyStatus = normalizeLegacyStatus(invoice.status)
  const exceptionStatus = normalizeExceptionStatus(invoice.exceptionStatus)
  const phase = phaseOf(legacyStatus, exceptionStatus)
  const grace = options.expiredGraceMs ?? DEFAULT_EXPIRED_GRACE_MS
  const serverNow = invoice.currentTime ?? now
  let final: boolean
  switch (legacyStatus) {
    case 'complete':
    case 'invalid':
      final = true
      break
    case 'expired':
      final = phase === 'paid-late' || serverNow >= invoice.expirationTime + grace
      break
    default:
      final = false
  }
  return {
    invoiceId: invoice.id,
    phase,
    legacyStatus,
    exceptionStatus,
    confirmed: legacyStatus === 'complete',
    dueText: phase === 'waiting' || phase === 'partial' ? dueOf(invoice) : null,
    paidText: paidOf(invoice),
    expiresAt: invoice.expirationTime,
    final,
    observedAt: now,
  }
}

/** Same status for the cashier (everything but `observedAt`). */
export function samePaymentStatus(a: PaymentStatus, b: PaymentStatus): boolean {
  return (
    a.invoiceId === b.invoiceId &&
    a.phase === b.phase &&
    a.legacyStatus === b.legacyStatus &&
    a.exceptionStatus === b.exceptionStatus &&
    a.confirmed === b.confirmed &&
    a.dueText === b.dueText &&
    a.paidText === b.paidText &&
    a.expiresAt === b.expiresAt &&
    a.final === b.final
  )
}
