import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../../shared/ipc/result'
import { minorDigits, minorToDecimal, parseAmount } from '../../shared/money'
import { payablePhases, reopenablePhases, type SaleView } from '../../shared/sale'
import { BtcpayError, ERROR_MESSAGES, type BtcpayErrorCode } from '../btcpay/errors'
import type { LegacyClient } from '../btcpay/legacy-client'
import type { LegacyInvoice } from '../btcpay/legacy-models'
import { toAppError } from '../btcpay/to-app-error'
import type { EventHub } from '../ipc/event-hub'
import { toCsv } from '../journal/csv'
import type { Journal } from '../journal/journal'
import type { Sale } from '../journal/sale'
import type { Logger } from '../log/logger'
import {
  normalizeExceptionStatus,
  normalizeLegacyStatus,
  type PaymentStatus,
} from '../payments/payment-status'
import type { watchInvoice } from '../payments/invoice-watcher'
import type { SettingsStore } from '../settings/settings-store'
import { paymentLinksOf, type PaymentLinks } from './payment-links'
import { salePhaseOf } from './sale-phase'

/** Errors after which the invoice request certainly did not create an invoice. */
const NEVER_SENT = new Set([
  'connection-refused',
  'dns',
  'tls',
  'bad-request',
  'unauthorized',
  'forbidden',
  'not-found',
  'invalid-input',
  'not-paired',
  'unexpected-redirect',
  'rate-limited',
])
/** How often unanswered charges are looked up again. */
const RECONCILE_RETRY_MS = 10_000
/**
 * How long an unanswered charge may still turn up at BTCPay (a slow server can create the invoice
 * after our request timed out). Only after this is "no invoice with this orderId" taken as final.
 */
const RECONCILE_GRACE_MS = 120_000

export type CashierDeps = {
  journal: Journal
  client: () => LegacyClient
  settings: SettingsStore
  events: EventHub
  log: Logger
  now: () => number
  watch: typeof watchInvoice
  exportDir: string
  reconcileRetryMs?: number
  reconcileGraceMs?: number
  /** Settings the watcher gets; tests shorten them. */
  watcherOptions?: Partial<
    Pick<
      Parameters<typeof watchInvoice>[0],
      'pollIntervalMs' | 'maxPollIntervalMs' | 'expiredGraceMs' | 'expiredPollIntervalMs'
    >
  >
}

/**
 * The till's job: charge an amount (journal first, then the invoice), follow each invoice until
 * it ends, and after a crash put every sale right again (reconcile by orderId, resume watchers).
 */
export function createCashierService(deps: CashierDeps) {
  const { journal, settings, events, log, now } = deps
  const links = new Map<string, PaymentLinks>()
  const trouble = new Map<string, string>()
  const watchers = new Map<string, { stop(): void }>()
  let charging = false
  let reconcileTimer: ReturnType<typeof setTimeout> | null = null

  const view = (sale: Sale): SaleView => {
    const phase = salePhaseOf(sale.status, sale.exceptionStatus)
    // Closed outcomes keep their amounts (what was paid, at which rate) for the cashier's screen.
    const known = phase !== 'abandoned' && phase !== 'not-created'
    return {
      id: sale.id,
      orderId: sale.orderId,
      createdAt: sale.createdAt,
      amountMinor: sale.amountMinor,
      currency: sale.currency,
      description: sale.description,
      phase,
      invoiceId: sale.invoiceId,
      checkoutLink: sale.checkoutLink,
      expiresAt: sale.expiresAt,
      payment: known ? (links.get(sale.id) ?? null) : null,
      trouble: trouble.get(sale.id) ?? null,
    }
  }
  const publish = (sale: Sale) => events.emit('sale:changed', view(sale))

  function saleOf(saleId: string): Sale {
    const sale = journal.get(saleId)
    if (!sale) throw new AppError('not-found', 'That sale is not in this terminal’s journal.')
    return sale
  }

  function applyInvoice(sale: Sale, invoice: LegacyInvoice): Sale {
    links.set(sale.id, paymentLinksOf(invoice))
    return journal.update(sale.id, {
      invoiceId: invoice.id,
      status: normalizeLegacyStatus(invoice.status),
      exceptionStatus: normalizeExceptionStatus(invoice.exceptionStatus),
      checkoutLink: invoice.url,
      expiresAt: invoice.expirationTime,
    })
  }

  function follow(sale: Sale): void {
    if (!sale.invoiceId || watchers.has(sale.id)) return
    const client = deps.client()
    const saleId = sale.id
    const watcher = deps.watch({
      invoiceId: sale.invoiceId,
      serverUrl: client.baseUrl,
      fetchInvoice: async (id) => {
        const invoice = await client.getInvoice(id)
        links.set(saleId, paymentLinksOf(invoice))
        return invoice
      },
      onStatus: (status: PaymentStatus) => {
        const current = journal.get(saleId)
        if (!current || current.status === 'abandoned') return
        const updated = journal.update(saleId, {
          status: status.legacyStatus,
          exceptionStatus: status.exceptionStatus,
          expiresAt: status.expiresAt,
        })
        trouble.delete(saleId)
        publish(updated)
        if (status.final) stopWatching(saleId)
      },
      onConnection: ({ trouble: code }) => {
        const had = trouble.get(saleId) ?? null
        // The watcher reports a client error code; the cashier gets the client's sentence for it.
        const problem = code
          ? (ERROR_MESSAGES[code as BtcpayErrorCode] ?? ERROR_MESSAGES.network)
          : null
        if (problem) trouble.set(saleId, problem)
        else trouble.delete(saleId)
        const current = journal.get(saleId)
        if (current && had !== problem) publish(current)
      },
      log,
      now,
      ...deps.watcherOptions,
    })
    watchers.set(saleId, watcher)
  }

  function stopWatching(saleId: string) {
    watchers.get(saleId)?.stop()
    watchers.delete(saleId)
  }

  const retryMs = deps.reconcileRetryMs ?? RECONCILE_RETRY_MS
  const graceMs = deps.reconcileGraceMs ?? RECONCILE_GRACE_MS

  /**
   * Looks up, by its orderId, the invoice of a sale whose creation went unanswered. True when the
   * sale's fate is known: its invoice was found, or none appeared within the grace period.
   */
  async function reconcile(sale: Sale): Promise<boolean> {
    try {
      const [invoice] = await deps.client().listInvoices({ orderId: sale.orderId })
      if (!invoice && now() - sale.createdAt < graceMs) return false
      const updated = invoice
        ? applyInvoice(sale, invoice)
        : journal.update(sale.id, { status: 'not-created' })
      log.info('sales.reconciled', { orderId: sale.orderId, found: Boolean(invoice) })
      publish(updated)
      if (invoice) follow(updated)
      return true
    } catch (err) {
      log.warn('sales.reconcile-failed', { orderId: sale.orderId, err })
      return false
    }
  }

  function scheduleResume() {
    reconcileTimer ??= setTimeout(() => {
      reconcileTimer = null
      void resume().catch((err: unknown) => log.warn('sales.resume-failed', { err }))
    }, retryMs)
  }

  async function resume(): Promise<void> {
    if (reconcileTimer) clearTimeout(reconcileTimer)
    reconcileTimer = null
    let pending = false
    for (const sale of journal.unfinished()) {
      if (sale.status === 'creating') pending = !(await reconcile(sale)) || pending
      else follow(sale)
    }
    if (pending) scheduleResume()
  }

  return {
    /** After start and after each (re)pairing: reconcile unsent charges, resume watchers. */
    async resume(): Promise<void> {
      try {
        deps.client()
      } catch {
        return // not paired: nothing can be asked yet
      }
      await resume()
    },

    async charge(input: { amount: string; description?: string }): Promise<SaleView> {
      const s = settings.get()
      const client = deps.client()
      const digits = minorDigits(s.currency)
      const amount = parseAmount(input.amount, s.currency, s.maxAmount * 10 ** digits)
      if (!amount.ok) throw new AppError('bad-input', amount.message)
      if (charging)
        throw new AppError('pairing-in-progress', 'A charge is already being sent. Wait a moment.')
      charging = true
      try {
        const description = input.description?.trim() || null
        const { orderId, sequence } = journal.nextOrderId(s.terminalId ?? 'POS')
        // Written before the request: a crash from here on is reconciled by orderId at start.
        let sale = journal.record({
          id: crypto.randomUUID(),
          orderId,
          sequence,
          createdAt: now(),
          amountMinor: amount.minor,
          currency: s.currency,
          description,
          cashier: s.cashier || null,
          invoiceId: null,
          status: 'creating',
          exceptionStatus: 'none',
          checkoutLink: null,
          expiresAt: null,
          paidMinor: null,
        })
        publish(sale)
        try {
          const invoice = await client.createInvoice({
            price: minorToDecimal(amount.minor, digits),
            currency: s.currency,
            orderId,
            ...(description ? { itemDesc: description } : {}),
            posData: JSON.stringify({
              terminal: s.terminalLabel,
              terminalId: s.terminalId,
              cashier: s.cashier || null,
            }),
            redirectAutomatically: false,
          })
          sale = applyInvoice(sale, invoice)
          publish(sale)
          follow(sale)
          return view(sale)
        } catch (err) {
          const code = err instanceof BtcpayError ? err.code : 'network'
          if (NEVER_SENT.has(code)) {
            publish(journal.update(sale.id, { status: 'not-created' }))
          } else if (!(await reconcile(sale))) {
            // The request may have reached BTCPay: keep the sale as 'creating' and ask again later.
            scheduleResume()
            const base = toAppError(err)
            throw base instanceof AppError
              ? new AppError(
                  base.code,
                  `${base.message} The sale is saved; the terminal keeps checking whether BTCPay created the invoice, so look in History before charging again.`,
                )
              : base
          } else {
            const settled = journal.get(sale.id)
            if (settled?.invoiceId) return view(settled)
          }
          throw toAppError(err)
        }
      } finally {
        charging = false
      }
    },

    /** A sale as it is now; an open one gets its payment links fetched again. */
    async open(saleId: string): Promise<SaleView> {
      let sale = saleOf(saleId)
      const phase = salePhaseOf(sale.status, sale.exceptionStatus)
      if (sale.invoiceId && reopenablePhases.includes(phase)) {
        try {
          sale = applyInvoice(sale, await deps.client().getInvoice(sale.invoiceId))
          follow(sale)
        } catch (err) {
          throw toAppError(err)
        }
      }
      return view(sale)
    },

    cancel(saleId: string): SaleView {
      const sale = saleOf(saleId)
      const phase = salePhaseOf(sale.status, sale.exceptionStatus)
      if (phase !== 'creating' && !payablePhases.includes(phase)) return view(sale)
      stopWatching(saleId)
      const updated = journal.update(saleId, { status: 'abandoned' })
      publish(updated)
      return view(updated)
    },

    list(input: {
      from: number
      to: number
      limit?: number
      before?: { createdAt: number; id: string }
    }) {
      return { sales: journal.list({ ...input, limit: input.limit ?? 50 }).map(view) }
    },

    totals(range: { from: number; to: number }) {
      return { totals: journal.totals(range) }
    },

    async exportCsv(range: { from: number; to: number }): Promise<{ path: string; count: number }> {
      const sales = journal.list({ ...range, limit: Number.MAX_SAFE_INTEGER })
      const day = (t: number) => new Date(t).toISOString().slice(0, 10)
      await mkdir(deps.exportDir, { recursive: true })
      // Ranges are half-open: the last day included is the one before `to`.
      const path = join(deps.exportDir, `sales-${day(range.from)}-to-${day(range.to - 1)}.csv`)
      await writeFile(path, toCsv(sales, { minorDigits }), { mode: 0o600 })
      return { path, count: sales.length }
    },

    stop(): void {
      if (reconcileTimer) clearTimeout(reconcileTimer)
      for (const id of [...watchers.keys()]) stopWatching(id)
    },
  }
}
export type CashierService = ReturnType<typeof createCashierService>
