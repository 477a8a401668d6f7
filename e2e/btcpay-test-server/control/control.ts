// The control surface tests drive the server with (in process; control/routes.ts serves the same
// operations over HTTP under /_control for out-of-process tests, the browser host and demos).
import { compressPublicKey } from '../legacy/bitid-verify'
import type { StatusSockets } from '../ui/checkout'
import type { Deps, Settings } from '../core/context'
import { DEFAULT_SETTINGS } from '../core/context'
import { sinFromPublicKey } from '../core/encoding'
import type { FaultSpec } from '../core/faults'
import type { Invoice, PaymentMethodId } from '../core/invoices'
import * as inv from '../core/invoices'
import { divisibilityOf, formatUnits, toDecimalString, toUnits } from '../core/money'
import { newRegtestAddress, newRegtestBolt11 } from '../core/encoding'
import { amountDueMinor } from '../core/payment-requests'
import type { Payout, PayoutMethodId, PullPayment } from '../core/pull-payments'
import { markPaid, PAYOUT_METHODS, PayoutError } from '../core/pull-payments'
import { invoiceForPaymentRequest } from '../greenfield/payment-requests'
import { claimPullPayment } from '../greenfield/pull-payments'
import { btc } from '../core/payment-links'
import type { ApiKey, PairedToken, PairingResult, StoreData } from '../core/state'
import { DEMO_STORE_ID, DEMO_USER_ID } from '../core/state'

export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export type PayMode = 'full' | 'partial' | 'over' | 'late'

export interface PayOptions {
  /** full (default): exactly what is due; partial: half (or `amount`); over: due + 10% (or `amount`);
   * late: expire the invoice first if still New, then pay what is due (or `amount`). */
  mode?: PayMode
  /** BTC amount as a decimal string (e.g. "0.0001"); overrides the mode's default amount. */
  amount?: string
  /** Amount in sats; alternative to `amount`. */
  sats?: number | string
  /** BTC-CHAIN (default, waits for confirm) or BTC-LN (settles at once). */
  paymentMethod?: PaymentMethodId
}

/** A JSON-friendly view of an invoice for tests (amounts as strings). */
export interface InvoiceSummary {
  id: string
  storeId: string
  status: inv.InvoiceStatus
  exceptionStatus: inv.ExceptionStatus
  legacyStatus: string
  price: string | null
  currency: string
  orderId: string | null
  dueSats: string
  paidSats: string
  remainingBtc: string
  createdAt: number
  expiresAt: number
  archived: boolean
  checkoutLink: string
  payments: Array<{ id: string; method: string; sats: string; status: string; receivedAt: number }>
}

export class Control {
  constructor(
    private readonly deps: Deps,
    private readonly sockets: StatusSockets,
    private readonly baseUrl: () => string,
  ) {}

  private get state() {
    return this.deps.state
  }

  info(): { url: string; storeId: string; userId: string; now: number; settings: Settings } {
    return {
      url: this.baseUrl(),
      storeId: DEMO_STORE_ID,
      userId: DEMO_USER_ID,
      now: this.state.now(),
      settings: { ...this.deps.settings },
    }
  }

  /** Back to a fresh server: demo store only, no faults, real time, default settings. */
  reset(): void {
    this.sockets.dropAll()
    this.deps.faults.clear()
    this.state.clock.reset()
    this.state.reset()
    Object.assign(this.deps.settings, DEFAULT_SETTINGS)
  }

  createStore(input: Partial<StoreData> = {}): StoreData {
    return this.state.addStore(input)
  }

  private store(storeId: string | undefined): StoreData {
    const store = this.state.stores.get(storeId ?? DEMO_STORE_ID)
    if (!store) throw new ControlError(404, `store not found: ${storeId}`)
    return store
  }

  setRate(storeId: string | undefined, currency: string, rate: string): StoreData {
    const store = this.store(storeId)
    if (toDecimalString(rate) === null || toUnits(rate, 8) <= 0n)
      throw new ControlError(400, 'rate must be a positive decimal string')
    store.rates[currency.toUpperCase()] = rate
    return store
  }

  /** Server-initiated pairing ("Create Token" without public key): a code bound to the store. */
  createPairingCode(opts: { storeId?: string; label?: string } = {}): {
    pairingCode: string
    storeId: string
    expiresAt: number
  } {
    const store = this.store(opts.storeId)
    const entry = this.state.createPairingCode({ storeId: store.id, label: opts.label ?? null })
    return { pairingCode: entry.code, storeId: store.id, expiresAt: entry.expiresAt }
  }

  /** The merchant approves a client-initiated pairing code (POST /api-access-request). */
  approvePairingCode(
    code: string,
    storeId?: string,
  ): { result: PairingResult; token: string | null } {
    const store = this.store(storeId)
    const pending = this.state.pairingCodes.get(code)
    if (!pending) throw new ControlError(404, `unknown pairing code: ${code}`)
    const result = this.state.pairWithStore(code, store.id)
    return { result, token: result === 'Complete' ? pending.tokenValue : null }
  }

  /** "Create Token" with the terminal's public key pasted: pairs the compressed key's SIN. */
  pairPublicKey(opts: { publicKey: string; label?: string; storeId?: string }): {
    result: PairingResult
    token: string | null
    sin: string
  } {
    const store = this.store(opts.storeId)
    const compressed = compressPublicKey(opts.publicKey)
    if (!compressed) throw new ControlError(400, 'invalid public key')
    const sin = sinFromPublicKey(compressed)
    const entry = this.state.createPairingCode({ label: opts.label ?? null })
    this.state.pairWithSin(entry.code, sin)
    const result = this.state.pairWithStore(entry.code, store.id)
    return { result, token: result === 'Complete' ? entry.tokenValue : null, sin }
  }

  listTokens(): PairedToken[] {
    return this.state.tokens.map((t) => ({ ...t }))
  }

  revokeToken(token: string): boolean {
    return this.state.revokeToken(token)
  }

  createLegacyApiKey(storeId?: string): { key: string; authorization: string } {
    const key = this.state.createLegacyApiKey(this.store(storeId).id)
    return { key, authorization: `Basic ${Buffer.from(key, 'ascii').toString('base64')}` }
  }

  createApiKey(opts: { permissions: string[]; label?: string }): ApiKey {
    if (!Array.isArray(opts.permissions) || !opts.permissions.every((p) => typeof p === 'string'))
      throw new ControlError(400, 'permissions must be an array of strings')
    return { ...this.state.createApiKey(opts.permissions, opts.label) }
  }

  // --- invoices --------------------------------------------------------------------------------

  summary(i: Invoice): InvoiceSummary {
    const orderId = i.metadata['orderId']
    return {
      id: i.id,
      storeId: i.storeId,
      status: i.status,
      exceptionStatus: i.exceptionStatus,
      legacyStatus: inv.LEGACY_STATUS[i.status],
      price: i.price,
      currency: i.currency,
      orderId: typeof orderId === 'string' ? orderId : null,
      dueSats: i.dueSats.toString(),
      paidSats: inv.paidSats(i).toString(),
      remainingBtc: btc(inv.remainingSats(i)),
      createdAt: i.createdAt,
      expiresAt: i.expiresAt,
      archived: i.archived,
      checkoutLink: `${this.baseUrl()}/i/${i.id}`,
      payments: i.payments.map((p) => ({
        id: p.id,
        method: p.method,
        sats: p.sats.toString(),
        status: p.status,
        receivedAt: p.receivedAt,
      })),
    }
  }

  listInvoices(storeId?: string): InvoiceSummary[] {
    return this.state.listInvoices(storeId).map((i) => this.summary(i))
  }

  private invoice(id: string): Invoice {
    const found = this.state.invoice(id)
    if (!found) throw new ControlError(404, `invoice not found: ${id}`)
    return found
  }

  getInvoice(id: string): InvoiceSummary {
    return this.summary(this.invoice(id))
  }

  private transition(id: string, fn: (i: Invoice) => void): InvoiceSummary {
    const i = this.invoice(id)
    try {
      fn(i)
    } catch (e) {
      if (e instanceof inv.InvoiceStateError) throw new ControlError(409, e.message)
      throw e
    }
    this.state.changed(i)
    return this.summary(i)
  }

  /** A payment arrives: full, partial, over, or late (after expiry). */
  pay(id: string, opts: PayOptions = {}): InvoiceSummary {
    const mode = opts.mode ?? 'full'
    if (!['full', 'partial', 'over', 'late'].includes(mode))
      throw new ControlError(400, `unknown mode: ${mode}`)
    const method = opts.paymentMethod ?? 'BTC-CHAIN'
    if (!inv.PAYMENT_METHODS.includes(method))
      throw new ControlError(400, `unknown payment method: ${method}`)
    let explicit: bigint | null = null
    if (opts.amount !== undefined) {
      const dec = toDecimalString(opts.amount)
      if (dec === null) throw new ControlError(400, 'amount must be a BTC decimal string')
      explicit = toUnits(dec, 8)
    } else if (opts.sats !== undefined) {
      if (!/^\d+$/.test(String(opts.sats))) throw new ControlError(400, 'sats must be an integer')
      explicit = BigInt(opts.sats)
    }
    return this.transition(id, (i) => {
      if (mode === 'late' && i.status === 'New') inv.expire(i, this.state.now())
      const remaining = i.type === 'TopUp' ? 100_000n : inv.remainingSats(i)
      const defaults: Record<PayMode, bigint> = {
        full: remaining,
        late: remaining,
        partial: remaining / 2n > 0n ? remaining / 2n : 1n,
        over: remaining + (remaining / 10n > 1000n ? remaining / 10n : 1000n),
      }
      const sats = explicit ?? defaults[mode]
      if (sats <= 0n)
        throw new inv.InvoiceStateError('nothing is due on this invoice; pass an amount')
      if (mode === 'partial' && i.type === 'Standard' && sats >= remaining)
        throw new inv.InvoiceStateError('a partial payment must be less than what is due')
      inv.addPayment(i, sats, method, this.state.now())
    })
  }

  confirm(id: string): InvoiceSummary {
    return this.transition(id, inv.confirm)
  }

  expire(id: string): InvoiceSummary {
    return this.transition(id, (i) => inv.expire(i, this.state.now()))
  }

  invalidate(id: string): InvoiceSummary {
    return this.transition(id, inv.invalidate)
  }

  mark(id: string, status: 'Settled' | 'Invalid'): InvoiceSummary {
    if (status !== 'Settled' && status !== 'Invalid')
      throw new ControlError(400, 'status must be Settled or Invalid')
    return this.transition(id, (i) => inv.mark(i, status))
  }

  // --- the customer's phone: payment requests and pull payments ----------------------------------

  /**
   * The customer pays a payment request from its public page (UIPaymentRequestController.PayPaymentRequest):
   * a pending invoice is reused as there, then paid in full. `amount` (in the request's currency)
   * pays part of it where the request allows custom amounts.
   */
  payPaymentRequest(
    prId: string,
    opts: { amount?: string; paymentMethod?: PaymentMethodId } = {},
  ): { invoice: InvoiceSummary; status: string; amountDue: string } {
    const pr = this.state.paymentRequest(prId)
    if (!pr) throw new ControlError(404, `payment request not found: ${prId}`)
    const scale = divisibilityOf(pr.currency) ?? 2
    let requested: bigint | null = null
    if (opts.amount !== undefined) {
      const dec = toDecimalString(opts.amount)
      if (dec === null || toUnits(dec, scale) <= 0n)
        throw new ControlError(400, 'amount must be a positive decimal string')
      requested = toUnits(dec, scale)
    }
    const due = amountDueMinor(pr, this.state.invoicesOfPaymentRequest(pr.id))
    if (pr.archived) throw new ControlError(400, 'archived: the payment request is archived')
    if (due <= 0n) throw new ControlError(400, 'already-paid: nothing is due')
    if (pr.expiryDate !== null && this.state.now() >= pr.expiryDate * 1000)
      throw new ControlError(400, 'expired: the payment request has expired')
    if (requested !== null && !pr.allowCustomPaymentAmounts && requested !== due)
      throw new ControlError(400, 'this payment request does not allow custom amounts')
    const result = invoiceForPaymentRequest(this.deps, pr, requested, true, this.baseUrl())
    if ('apiError' in result) throw new ControlError(400, result.apiError)
    const invoice = this.pay(result.id, { paymentMethod: opts.paymentMethod })
    this.state.refreshStatus(pr)
    const left = amountDueMinor(pr, this.state.invoicesOfPaymentRequest(pr.id))
    return { invoice, status: pr.status, amountDue: formatUnits(left > 0n ? left : 0n, scale) }
  }

  private pullPayment(id: string): PullPayment {
    const pp = this.state.pullPayments.get(id)
    if (!pp) throw new ControlError(404, `pull payment not found: ${id}`)
    return pp
  }

  private payout(id: string): Payout {
    const p = this.state.payouts.get(id)
    if (!p) throw new ControlError(404, `payout not found: ${id}`)
    return p
  }

  listPullPayments(): Array<PullPayment & { payouts: Payout[] }> {
    return [...this.state.pullPayments.values()].map((pp) => ({
      ...pp,
      payouts: [...this.state.payouts.values()].filter((p) => p.pullPaymentId === pp.id),
    }))
  }

  /**
   * The customer claims a pull payment (a refund) from its page: by default everything left, to a
   * fresh regtest address (BTC-CHAIN) or BOLT11 (BTC-LN).
   */
  claimPullPayment(
    ppId: string,
    opts: { destination?: string; amount?: string; payoutMethodId?: PayoutMethodId } = {},
  ): Payout {
    const pp = this.pullPayment(ppId)
    const method = opts.payoutMethodId ?? pp.payoutMethods[0] ?? 'BTC-CHAIN'
    if (!PAYOUT_METHODS.includes(method))
      throw new ControlError(400, `unknown payout method: ${method}`)
    const amount = opts.amount === undefined ? null : toDecimalString(opts.amount)
    if (opts.amount !== undefined && amount === null)
      throw new ControlError(400, 'amount must be a decimal string')
    const destination =
      opts.destination ?? (method === 'BTC-LN' ? newRegtestBolt11(0n) : newRegtestAddress())
    try {
      return { ...claimPullPayment(this.deps, pp, { destination, amount, payoutMethodId: method }) }
    } catch (e) {
      if (e instanceof PayoutError) throw new ControlError(409, e.message)
      throw e
    }
  }

  /** The manager approves a payout in BTCPay (needed when the pull payment was not auto-approved). */
  approvePayout(payoutId: string): Payout {
    const p = this.payout(payoutId)
    if (p.state !== 'AwaitingApproval') throw new ControlError(409, `payout is ${p.state}`)
    this.state.approvePayout(p)
    return { ...p }
  }

  /** The store sends the money: the payout is Completed with a payment proof. */
  payPayout(payoutId: string): Payout {
    const p = this.payout(payoutId)
    try {
      markPaid(p)
    } catch (e) {
      if (e instanceof PayoutError) throw new ControlError(409, e.message)
      throw e
    }
    return { ...p }
  }

  // --- clock, faults, sockets, settings -------------------------------------------------------------

  now(): number {
    return this.state.now()
  }

  advanceClock(ms: number): number {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)
      throw new ControlError(400, 'ms must be a non-negative number')
    return this.state.clock.advance(ms)
  }

  setClock(epochMs: number | null): number {
    if (epochMs !== null && (typeof epochMs !== 'number' || !Number.isFinite(epochMs)))
      throw new ControlError(400, 'epochMs must be a number or null')
    return this.state.clock.freeze(epochMs)
  }

  addFault(spec: FaultSpec) {
    try {
      return this.deps.faults.add(spec)
    } catch (e) {
      throw new ControlError(400, (e as Error).message)
    }
  }

  listFaults() {
    return this.deps.faults.all()
  }

  removeFault(id: string): boolean {
    return this.deps.faults.remove(id)
  }

  clearFaults(): void {
    this.deps.faults.clear()
  }

  /** Closes every open status websocket now. Use a 'ws-refuse' fault to refuse new ones. */
  dropWebsockets(): number {
    return this.sockets.dropAll()
  }

  get openWebsockets(): number {
    return this.sockets.count
  }

  setSettings(patch: Partial<Settings>): Settings {
    for (const key of ['wsPingInitialMs', 'wsPingIntervalMs'] as const) {
      const v = patch[key]
      if (v === undefined) continue
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 1)
        throw new ControlError(400, `${key} must be >= 1`)
      this.deps.settings[key] = v
    }
    return { ...this.deps.settings }
  }
}
