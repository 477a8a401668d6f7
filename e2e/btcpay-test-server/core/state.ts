// In-memory state of the test server: stores, pairing codes, paired tokens (BitId SINs), legacy
// and Greenfield API keys, invoices and payment requests, all on an injectable clock.
import { EventEmitter } from 'node:events'
import { randomBytes } from 'node:crypto'
import { Clock } from './clock'
import { base58Encode, newPairingCode, randomBase58, sha256 } from './encoding'
import type { Invoice, NewInvoiceInput } from './invoices'
import { createInvoice, expire } from './invoices'
import type { PaymentRequest } from './payment-requests'
import type { PosApp } from './apps'
import { demoPosApp } from './apps'
import type { Payout, PullPayment } from './pull-payments'
import { approve } from './pull-payments'
import { nextStatus } from './payment-requests'
import type { Rate } from './money'
import { divisibilityOf, fiatMinorToSats, formatUnitsTrimmed, parseRate, toUnits } from './money'

export const PAIRING_CODE_LIFETIME_MS = 15 * 60_000

export interface StoreData {
  id: string
  name: string
  defaultCurrency: string
  /** "Allow anyone to create invoice" (legacy anonymous invoices with ?storeId=). */
  anyoneCanInvoice: boolean
  invoiceExpirationMs: number
  monitoringMs: number
  speedPolicy: string
  website: string | null
  /** Fiat per BTC, decimal strings. */
  rates: Record<string, string>
}

export interface PairingCode {
  code: string
  createdAt: number
  expiresAt: number
  tokenValue: string
  label: string | null
  sin: string | null
  storeId: string | null
}

export interface PairedToken {
  token: string
  sin: string
  storeId: string
  label: string | null
  pairedAt: number
}

export interface ApiKey {
  apiKey: string
  label: string
  permissions: string[]
  userId: string
  createdAt: number
}

export type PairingResult = 'Complete' | 'Partial' | 'ReusedKey' | 'Expired'

/** A deterministic, BTCPay-looking store id (Base58 of 32 bytes) so demos and docs can name it. */
export const DEMO_STORE_ID = base58Encode(sha256('btcpay-test-server demo store'))
export const DEMO_USER_ID = '6f9a1c2e-0d3b-4c8e-9a57-2b1f4e6d8c01'
export const DEMO_USER_EMAIL = 'merchant@example.com'

const DEFAULT_RATES: Record<string, string> = {
  USD: '50000',
  EUR: '46000',
  GBP: '39500',
  CHF: '44000',
  CAD: '68000',
  AUD: '76000',
  JPY: '7500000',
}

export class ServerState {
  readonly events = new EventEmitter()
  stores = new Map<string, StoreData>()
  pairingCodes = new Map<string, PairingCode>()
  /** Insertion-ordered: the first row for a SIN decides its store, as in BTCPay. */
  tokens: PairedToken[] = []
  legacyApiKeys = new Map<string, string>()
  apiKeys = new Map<string, ApiKey>()
  invoices = new Map<string, Invoice>()
  paymentRequests = new Map<string, PaymentRequest>()
  pullPayments = new Map<string, PullPayment>()
  apps = new Map<string, PosApp>()
  payouts = new Map<string, Payout>()

  constructor(readonly clock: Clock = new Clock()) {
    this.reset()
    clock.onChange(() => this.sweep())
  }

  reset(): void {
    this.stores.clear()
    this.pairingCodes.clear()
    this.tokens = []
    this.legacyApiKeys.clear()
    this.apiKeys.clear()
    this.invoices.clear()
    this.paymentRequests.clear()
    this.pullPayments.clear()
    this.payouts.clear()
    this.addStore({ id: DEMO_STORE_ID, name: 'Demo Store' })
    this.apps.clear()
    const app = demoPosApp(DEMO_STORE_ID, this.now())
    this.apps.set(app.id, app)
  }

  now(): number {
    return this.clock.now()
  }

  addStore(input: Partial<StoreData> = {}): StoreData {
    const store: StoreData = {
      id: input.id ?? randomBase58(32),
      name: input.name ?? 'Test Store',
      defaultCurrency: input.defaultCurrency ?? 'USD',
      anyoneCanInvoice: input.anyoneCanInvoice ?? false,
      invoiceExpirationMs: input.invoiceExpirationMs ?? 15 * 60_000,
      monitoringMs: input.monitoringMs ?? 24 * 60 * 60_000,
      speedPolicy: input.speedPolicy ?? 'MediumSpeed',
      website: input.website ?? null,
      rates: { ...DEFAULT_RATES, ...input.rates },
    }
    this.stores.set(store.id, store)
    return store
  }

  rateFor(store: StoreData, currency: string): Rate | null {
    if (currency === 'BTC') return parseRate('1')
    if (currency === 'SATS') return parseRate('100000000')
    const r = store.rates[currency]
    return r === undefined ? null : parseRate(r)
  }

  // --- pairing (TokenRepository) ---------------------------------------------------------------

  createPairingCode(init: { label?: string | null; storeId?: string | null } = {}): PairingCode {
    let code = newPairingCode()
    while (this.pairingCodes.has(code)) code = newPairingCode()
    const now = this.now()
    const entry: PairingCode = {
      code,
      createdAt: now,
      expiresAt: now + PAIRING_CODE_LIFETIME_MS,
      tokenValue: randomBase58(32),
      label: init.label ?? null,
      sin: null,
      storeId: init.storeId ?? null,
    }
    this.pairingCodes.set(code, entry)
    return entry
  }

  private usable(code: string): PairingCode | null {
    const entry = this.pairingCodes.get(code)
    return entry && entry.expiresAt >= this.now() ? entry : null
  }

  pairWithSin(code: string, sin: string): PairingResult {
    const entry = this.usable(code)
    if (!entry) return 'Expired'
    entry.sin = sin
    return this.activateIfComplete(entry)
  }

  pairWithStore(code: string, storeId: string): PairingResult {
    const entry = this.usable(code)
    if (!entry) return 'Expired'
    entry.storeId = storeId
    return this.activateIfComplete(entry)
  }

  private activateIfComplete(entry: PairingCode): PairingResult {
    if (!entry.sin || !entry.storeId) return 'Partial'
    this.pairingCodes.delete(entry.code)
    const sin = entry.sin
    const storeId = entry.storeId
    if (this.tokens.some((t) => t.sin === sin && t.storeId !== storeId)) return 'ReusedKey'
    this.tokens.push({
      token: entry.tokenValue,
      sin,
      storeId,
      label: entry.label,
      pairedAt: this.now(),
    })
    return 'Complete'
  }

  /** BitpayAuthorizationHandler: the first paired token of a SIN decides its store. */
  tokenForSin(sin: string): PairedToken | undefined {
    return this.tokens.find((t) => t.sin === sin)
  }

  revokeToken(token: string): boolean {
    const before = this.tokens.length
    this.tokens = this.tokens.filter((t) => t.token !== token)
    return this.tokens.length !== before
  }

  // --- keys ------------------------------------------------------------------------------------

  /** Legacy API key (Basic auth): 43 chars; one per store, regenerating replaces it. */
  createLegacyApiKey(storeId: string): string {
    for (const [k, s] of this.legacyApiKeys) if (s === storeId) this.legacyApiKeys.delete(k)
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq'
    const key = [...randomBytes(43)].map((b) => alphabet[b % alphabet.length]).join('')
    this.legacyApiKeys.set(key, storeId)
    return key
  }

  createApiKey(permissions: string[], label = 'test key', userId = DEMO_USER_ID): ApiKey {
    const key: ApiKey = {
      apiKey: randomBytes(20).toString('hex'),
      label,
      permissions: [...permissions],
      userId,
      createdAt: this.now(),
    }
    this.apiKeys.set(key.apiKey, key)
    return key
  }

  // --- invoices --------------------------------------------------------------------------------

  addInvoice(input: NewInvoiceInput): Invoice {
    const inv = createInvoice(input)
    this.invoices.set(inv.id, inv)
    this.changed(inv)
    return inv
  }

  /** Looks an invoice up after bringing its state up to the clock (lazy expiry). */
  invoice(id: string): Invoice | undefined {
    const inv = this.invoices.get(id)
    if (inv) this.expireIfDue(inv)
    return inv
  }

  listInvoices(storeId?: string): Invoice[] {
    const all = [...this.invoices.values()].filter((i) => !storeId || i.storeId === storeId)
    for (const inv of all) this.expireIfDue(inv)
    // Newest first; equal timestamps keep the later insertion first.
    return all.reverse().sort((a, b) => b.createdAt - a.createdAt)
  }

  /** Records a change: websocket listeners get a frame. */
  changed(inv: Invoice): void {
    const pr = this.paymentRequests.get(String(inv.metadata['paymentRequestId']))
    if (pr) this.refreshStatus(pr)
    this.events.emit('invoice', inv)
  }

  private expireIfDue(inv: Invoice): void {
    if (inv.status === 'New' && this.now() >= inv.expiresAt) {
      expire(inv)
      this.changed(inv)
    }
  }

  /** Applies the clock to every invoice (called when the clock moves and periodically). */
  sweep(): void {
    for (const inv of this.invoices.values()) this.expireIfDue(inv)
    for (const pr of this.paymentRequests.values()) this.refreshStatus(pr)
  }

  // --- payment requests -------------------------------------------------------------------------

  addPaymentRequest(
    pr: Omit<PaymentRequest, 'id' | 'createdAt' | 'archived' | 'status'>,
  ): PaymentRequest {
    const full: PaymentRequest = {
      ...pr,
      status: 'Pending',
      id: randomBytes(16)
        .toString('hex')
        .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
      createdAt: this.now(),
      archived: false,
    }
    this.paymentRequests.set(full.id, full)
    return full
  }

  /** Approves a payout at the store's rate of the moment (BTC payouts; fiat converted). */
  approvePayout(payout: Payout): void {
    const pp = this.pullPayments.get(payout.pullPaymentId)
    const store = pp && this.stores.get(pp.storeId)
    const rate = store && this.rateFor(store, payout.originalCurrency)
    if (!rate) throw new Error(`no rate for ${payout.originalCurrency}`)
    const scale = divisibilityOf(payout.originalCurrency) ?? 8
    const sats = fiatMinorToSats(toUnits(payout.originalAmount, scale), scale, rate)
    approve(payout, formatUnitsTrimmed(sats, 8))
  }

  /** The request's invoices, newest first. */
  invoicesOfPaymentRequest(prId: string): Invoice[] {
    return this.listInvoices().filter((i) => i.metadata['paymentRequestId'] === prId)
  }

  /** A payment request with its stored status brought up to date, as BTCPay's hub does on events. */
  paymentRequest(id: string): PaymentRequest | undefined {
    const pr = this.paymentRequests.get(id)
    if (pr) this.refreshStatus(pr)
    return pr
  }

  refreshStatus(pr: PaymentRequest): void {
    pr.status = nextStatus(pr, this.invoicesOfPaymentRequest(pr.id), this.now())
  }
}
