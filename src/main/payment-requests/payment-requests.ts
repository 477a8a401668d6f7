import { randomUUID } from 'node:crypto'
import { AppError, explained, type FieldProblem } from '../../shared/ipc/result'
import { say, type SentenceId } from '../../shared/ipc/sentence'
import { MAX_MINOR, minorDigits, minorToDecimal, parseAmount } from '../../shared/money'
import type {
  PaymentRequestDetail,
  PaymentRequestFields,
  PaymentRequestView,
} from '../../shared/payment-request'
import type { RequestInput } from '../../shared/ipc/contract'
import { BtcpayError } from '../btcpay/errors'
import type { GreenfieldClient } from '../btcpay/greenfield-client'
import type {
  GreenfieldInvoice,
  PaymentRequest,
  PaymentRequestInput,
} from '../btcpay/greenfield-models'
import { buildEndpointUrl, pathWithId } from '../btcpay/server-url'
import { btcpayWords, toAppError } from '../btcpay/to-app-error'
import type { Logger } from '../log/logger'
import { mayHaveActed } from '../refunds/refund-errors'
import type { SettingsStore } from '../settings/settings-store'
import type { PendingCreation, PendingCreations } from './pending-creations'

const RECONCILE_RETRY_MS = 10_000
/** A slow server may still make the request this long after ours timed out. */
const RECONCILE_GRACE_MS = 120_000

/** BTCPay's C# property names (422 paths) → the till's form fields. */
const FORM_FIELDS: Record<string, string> = {
  amount: 'amount',
  currency: 'currency',
  title: 'title',
  email: 'email',
  description: 'description',
  expirydate: 'expiresAt',
  referenceid: 'referenceId',
  allowcustompaymentamounts: 'allowCustomPaymentAmounts',
}

/** What BTCPay's 400 codes on payment requests mean for the cashier, and their sentences. */
const SERVER_CODES: Record<string, { text: string; id: SentenceId }> = {
  archived: {
    text: 'This payment request is archived: it cannot be paid any more.',
    id: 'request.archived',
  },
  'already-paid': {
    text: 'This payment request is already paid in full (or payments are confirming).',
    id: 'request.already-paid',
  },
  expired: {
    text: 'This payment request has expired: it cannot be paid any more. Make a new one.',
    id: 'request.expired',
  },
}
const GONE =
  'This payment request is not at BTCPay any more: it was archived or deleted there. Refresh the list.'
export const NO_API_KEY =
  'Payment requests need the terminal’s API key. A manager adds it in Manager › API key.'

export type PaymentRequestDeps = {
  greenfield: () => GreenfieldClient | null
  pending: PendingCreations
  settings: SettingsStore
  log: Logger
  now: () => number
  reconcileRetryMs?: number
  reconcileGraceMs?: number
}

/** A failure of a payment-request call in the cashier's words, with the form field it names. */
export function paymentRequestError(err: unknown): unknown {
  if (!(err instanceof BtcpayError)) return toAppError(err)
  if (err.code === 'validation') {
    // Each field's message is BTCPay's own text, shown under its field as BTCPay wrote it.
    const fields: FieldProblem[] = err.fields.map((f) => ({
      field: FORM_FIELDS[f.path.toLowerCase()] ?? f.path,
      message: f.message,
    }))
    return new AppError('bad-request', err.message, undefined, fields, btcpayWords(err))
  }
  const known = err.serverCode ? SERVER_CODES[err.serverCode] : undefined
  if (known) return explained('bad-request', say(known.id), known.text)
  if (err.code === 'not-found') return explained('not-found', say('request.gone'), GONE)
  return toAppError(err)
}

/** Server decimal text → minor units; digits beyond the currency's are rounded half up. */
export function decimalToMinor(text: string, currency: string): number {
  const digits = minorDigits(currency)
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim())
  if (!m) return 0
  const fraction = m[2] ?? ''
  const kept = BigInt(`${m[1]}${fraction.slice(0, digits).padEnd(digits, '0')}`)
  const roundUp = fraction.length > digits && Number(fraction[digits]) >= 5
  return Number(kept + (roundUp ? 1n : 0n))
}

export function requestViewOf(pr: PaymentRequest, baseUrl: string): PaymentRequestView {
  return {
    id: pr.id,
    title: pr.title,
    status: pr.status,
    amountMinor: decimalToMinor(pr.amount, pr.currency),
    currency: pr.currency,
    email: pr.email,
    description: pr.description,
    expiresAt: pr.expiryDate === null ? null : pr.expiryDate * 1000,
    referenceId: pr.referenceId,
    allowCustomPaymentAmounts: pr.allowCustomPaymentAmounts,
    archived: pr.archived,
    createdAt: pr.createdTime * 1000,
    publicUrl: buildEndpointUrl(baseUrl, pathWithId('/payment-requests', pr.id)),
  }
}

/**
 * Money that counts toward the request, as BTCPay counts it: what was paid on any of its
 * invoices (a partly paid invoice that expired too), except on invoices marked invalid.
 */
const counts = (inv: GreenfieldInvoice) => inv.status !== 'Invalid'

export function detailOf(
  pr: PaymentRequest,
  invoices: GreenfieldInvoice[],
  baseUrl: string,
): PaymentRequestDetail {
  const request = requestViewOf(pr, baseUrl)
  const rows = invoices.map((inv) => ({
    id: inv.id,
    status: inv.status,
    additionalStatus: inv.additionalStatus,
    amountMinor: decimalToMinor(inv.amount, inv.currency),
    paidMinor: inv.paidAmount === null ? 0 : decimalToMinor(inv.paidAmount, inv.currency),
    createdAt: inv.createdTime * 1000,
    counted: counts(inv),
  }))
  const paidMinor = rows.filter((r) => r.counted).reduce((sum, r) => sum + r.paidMinor, 0)
  return {
    request,
    paidMinor,
    dueMinor: Math.max(0, request.amountMinor - paidMinor),
    invoices: rows
      .sort((a, b) => b.createdAt - a.createdAt)
      .map(({ counted: _counted, ...row }) => row),
  }
}

/**
 * The store's payment requests through the Greenfield API (see README.md here): list, view,
 * create (crash-safe: the creation is written down first and looked up by referenceId after a
 * crash), edit (a full replace that keeps what the till does not show), archive.
 */
export function createPaymentRequests(deps: PaymentRequestDeps) {
  const { pending, settings, log, now } = deps
  const retryMs = deps.reconcileRetryMs ?? RECONCILE_RETRY_MS
  const graceMs = deps.reconcileGraceMs ?? RECONCILE_GRACE_MS
  let retryTimer: ReturnType<typeof setTimeout> | null = null

  function client(): GreenfieldClient {
    const gf = deps.greenfield()
    if (!gf) throw explained('unauthorized', say('request.needs-api-key'), NO_API_KEY)
    return gf
  }

  async function call<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action()
    } catch (err) {
      throw paymentRequestError(err)
    }
  }

  /** The body BTCPay gets from the cashier's fields: amount checked again, blanks as null. */
  function bodyOf(fields: PaymentRequestFields, keep: PaymentRequest | null): PaymentRequestInput {
    const currency = fields.currency || keep?.currency || null
    const checkCurrency = currency ?? settings.get().currency
    const amount = parseAmount(fields.amount, checkCurrency, MAX_MINOR)
    if (!amount.ok) {
      const words = [say('amount.refused', amount.refusal)]
      throw new AppError('bad-input', amount.message, 'amount', [
        { field: 'amount', message: amount.message, words },
      ])
    }
    if (fields.expiresAt != null && fields.expiresAt <= now()) {
      const message = 'The expiry date is in the past.'
      const words = [say('request.expiry-past')]
      throw new AppError('bad-input', message, 'expiresAt', [
        { field: 'expiresAt', message, words },
      ])
    }
    return {
      amount: minorToDecimal(amount.minor, minorDigits(checkCurrency)),
      ...(currency ? { currency } : {}),
      title: fields.title.trim(),
      email: fields.email?.trim() || null,
      description: fields.description?.trim() || null,
      expiryDate: fields.expiresAt == null ? null : Math.floor(fields.expiresAt / 1000),
      referenceId: fields.referenceId?.trim() || null,
      allowCustomPaymentAmounts: fields.allowCustomPaymentAmounts ?? false,
      // Not shown at the till, but PUT replaces everything: keep what the server has.
      formId: keep?.formId ?? null,
    }
  }

  /** Whether `pr` is what `item` asked for: same reference, title and amount, made after it. */
  const isCreationOf = (item: PendingCreation, pr: PaymentRequest) =>
    pr.referenceId === item.referenceId &&
    pr.title === item.title &&
    decimalToMinor(pr.amount, pr.currency) === decimalToMinor(item.amount, pr.currency) &&
    pr.createdTime * 1000 >= item.createdAt - 300_000

  /** Looks up an unanswered creation; true when its fate is known (found, or past the grace). */
  async function reconcile(item: PendingCreation): Promise<PaymentRequest | true | false> {
    try {
      const all = await client().listPaymentRequests({ includeArchived: true })
      const found = all.find((pr) => isCreationOf(item, pr))
      if (!found && now() - item.createdAt < graceMs) return false
      await pending.remove(item.key)
      log.info('payment-requests.reconciled', {
        referenceId: item.referenceId,
        found: Boolean(found),
      })
      return found ?? true
    } catch (err) {
      log.warn('payment-requests.reconcile-failed', { referenceId: item.referenceId, err })
      return false
    }
  }

  async function resumeAll(): Promise<void> {
    if (retryTimer) clearTimeout(retryTimer)
    retryTimer = null
    let open = false
    for (const item of pending.list()) open = (await reconcile(item)) === false || open
    if (open) scheduleResume()
  }

  function scheduleResume() {
    retryTimer ??= setTimeout(() => {
      retryTimer = null
      void resumeAll().catch((err: unknown) => log.error('payment-requests.resume-failed', { err }))
    }, retryMs)
  }

  return {
    async listPaymentRequests(
      input: RequestInput<'payment-requests:list'>,
    ): Promise<{ requests: PaymentRequestView[] }> {
      const gf = client()
      const all = await call(() =>
        gf.listPaymentRequests({ includeArchived: input.includeArchived }),
      )
      const search = input.search?.trim().toLowerCase() ?? ''
      const requests = all
        .filter((pr) => !input.status || pr.status === input.status)
        .filter(
          (pr) =>
            search === '' ||
            [pr.title, pr.referenceId, pr.email, pr.id].some((t) =>
              t?.toLowerCase().includes(search),
            ),
        )
        .sort((a, b) => b.createdTime - a.createdTime)
        .map((pr) => requestViewOf(pr, gf.baseUrl))
      return { requests }
    },

    async getPaymentRequest({
      paymentRequestId,
    }: RequestInput<'payment-requests:get'>): Promise<PaymentRequestDetail> {
      const gf = client()
      const pr = await call(() => gf.getPaymentRequest(paymentRequestId))
      const invoices = await call(() => gf.listInvoices({ orderId: [`PAY_REQUEST_${pr.id}`] }))
      return detailOf(pr, invoices, gf.baseUrl)
    },

    async createPaymentRequest(
      fields: RequestInput<'payment-requests:create'>,
    ): Promise<PaymentRequestView> {
      const gf = client()
      const body = bodyOf(fields, null)
      const s = settings.get()
      // Our own reference when the cashier gave none: it is how a crash is put right.
      const referenceId = body.referenceId ?? `${s.terminalId ?? 'POS'}-${randomUUID().slice(0, 8)}`
      const item: PendingCreation = {
        key: randomUUID(),
        referenceId,
        title: body.title,
        amount: body.amount,
        currency: body.currency ?? null,
        createdAt: now(),
      }
      await pending.add(item)
      try {
        const created = await gf.createPaymentRequest({ ...body, referenceId })
        await pending.remove(item.key)
        log.info('payment-requests.created', { id: created.id })
        return requestViewOf(created, gf.baseUrl)
      } catch (err) {
        if (!mayHaveActed(err)) {
          await pending.remove(item.key)
          throw paymentRequestError(err)
        }
        const found = await reconcile(item)
        if (typeof found === 'object') return requestViewOf(found, gf.baseUrl)
        scheduleResume()
        const base = paymentRequestError(err)
        throw base instanceof AppError
          ? new AppError(
              base.code,
              `${base.message} The terminal keeps checking whether BTCPay made the request (reference ${referenceId}), so look in the list before making it again.`,
              undefined,
              undefined,
              [...(base.words ?? []), say('request.check-list', { reference: referenceId })],
            )
          : base
      }
    },

    async updatePaymentRequest(
      input: RequestInput<'payment-requests:update'>,
    ): Promise<PaymentRequestView> {
      const { paymentRequestId, ...fields } = input
      const gf = client()
      const current = await call(() => gf.getPaymentRequest(paymentRequestId))
      const body = bodyOf(fields, current)
      const updated = await call(() => gf.updatePaymentRequest(paymentRequestId, body))
      return requestViewOf(updated, gf.baseUrl)
    },

    async archivePaymentRequest({
      paymentRequestId,
    }: RequestInput<'payment-requests:archive'>): Promise<PaymentRequestView> {
      const gf = client()
      await call(() => gf.archivePaymentRequest(paymentRequestId))
      log.info('payment-requests.archived', { id: paymentRequestId })
      return requestViewOf(await call(() => gf.getPaymentRequest(paymentRequestId)), gf.baseUrl)
    },

    /** After start and after the API key changes: look up creations a crash left unanswered. */
    async resume(): Promise<void> {
      if (!deps.greenfield() || pending.list().length === 0) return
      await resumeAll()
    },

    stop(): void {
      if (retryTimer) clearTimeout(retryTimer)
      retryTimer = null
    },
  }
}
export type PaymentRequests = ReturnType<typeof createPaymentRequests>
