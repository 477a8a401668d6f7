import type { CatalogView } from '../../shared/catalog'
import type { RequestInput } from '../../shared/ipc/contract'
import { AppError, explained } from '../../shared/ipc/result'
import { say } from '../../shared/ipc/sentence'
import { amountRefused, notInJournal } from '../ipc/app-errors'
import { minorDigits, minorToDecimal, parseAmount } from '../../shared/money'
import { paidAfterCancel, payablePhases, reopenablePhases, type SaleView } from '../../shared/sale'
import { BtcpayError, ERROR_MESSAGES, type BtcpayErrorCode } from '../btcpay/errors'
import type { LegacyInvoice } from '../btcpay/legacy-models'
import { cartInvoiceFields, priceCart } from '../catalog/price-cart'
import { toAppError } from '../btcpay/to-app-error'
import type { EventHub } from '../ipc/event-hub'
import type { Journal } from '../journal/journal'
import { newSale } from '../journal/new-sale'
import type { NewSale, Sale } from '../journal/sale'
import type { Logger } from '../log/logger'
import type { watchInvoice } from '../payments/invoice-watcher'
import {
  normalizeExceptionStatus,
  normalizeLegacyStatus,
  type PaymentStatus,
} from '../payments/payment-status'
import type { PaymentRequestDetail } from '../../shared/payment-request'
import { paymentRequestError } from '../payment-requests/payment-requests'
import type { SettingsStore } from '../settings/settings-store'
import type { InvoiceApi } from './invoice-api'
import { paymentLinksOf } from './payment-links'
import { salePhaseOf } from './sale-phase'
import { saleViewOf, type LiveSale } from './sale-view'

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
  'validation',
  'missing-permission',
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
  /** The invoice API the till charges through now; throws (not paired, no key) when there is none. */
  invoices: () => InvoiceApi
  /** The API key's Greenfield invoices: a payment request's `/pay` exists only there. */
  requestInvoices: () => InvoiceApi
  /** A payment request as BTCPay has it now, with what is still due (payment-requests/). */
  paymentRequestOf: (paymentRequestId: string) => Promise<PaymentRequestDetail>
  settings: SettingsStore
  events: EventHub
  log: Logger
  now: () => number
  watch: typeof watchInvoice
  /** Marks a cancelled, unpaid sale's invoice invalid at BTCPay (refunds/refund-desk.ts). */
  voidSale?: (sale: Sale) => Promise<unknown>
  /** The catalog carts are priced against. */
  catalog: () => CatalogView
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
 * The till's job, the write side of the sales (see README.md here): charge an amount (journal
 * first, then the invoice), follow each invoice until it ends (cancelled ones too), and after a
 * crash put every sale right again (reconcile by orderId, resume watchers).
 */
export function createCashier(deps: CashierDeps) {
  const { journal, settings, events, log, now } = deps
  /** Per followed sale: links, trouble and watcher. Dropped when its invoice is final. */
  const live = new Map<string, LiveSale>()
  let charging = false
  let reconcileTimer: ReturnType<typeof setTimeout> | null = null

  const liveOf = (saleId: string): LiveSale => {
    let entry = live.get(saleId)
    if (!entry) {
      entry = { links: null, trouble: null, watcher: null }
      live.set(saleId, entry)
    }
    return entry
  }
  const view = (sale: Sale): SaleView => saleViewOf(sale, live.get(sale.id))
  const publish = (sale: Sale) => events.emit('sale:changed', view(sale))
  /**
   * Publishes a sale as it is then, from the next turn of the event loop: what a charge publishes
   * on its way (recorded, answered) waits until the request has gone and the answer is out. Later
   * changes are published after it (turns run in order), and it never shows an older state.
   */
  const soon = new Set<NodeJS.Immediate>()
  const publishSoon = (saleId: string) => {
    const push = setImmediate(() => {
      soon.delete(push)
      const sale = journal.get(saleId)
      if (sale) publish(sale)
    })
    soon.add(push)
  }

  /** Counter payments on payment requests go through the API key, sales through the chosen API. */
  const apiOf = (sale: Pick<NewSale, 'paymentRequestId'>): InvoiceApi =>
    sale.paymentRequestId ? deps.requestInvoices() : deps.invoices()

  function saleOf(saleId: string): Sale {
    const sale = journal.get(saleId)
    if (!sale) throw notInJournal()
    return sale
  }

  /**
   * A journal line nobody waits for: BTCPay holds the truth it records, so if the write fails the
   * sale is put right again by asking BTCPay (reconcile by orderId, or the watcher's next fetch).
   */
  function writeInBackground(saleId: string, written: Promise<Sale>): Sale {
    written.catch((err: unknown) => {
      log.error('sales.journal-write-failed', { saleId, err })
      scheduleResume()
    })
    return saleOf(saleId) // the journal has the change in memory at once
  }

  function applyInvoice(sale: Sale, invoice: LegacyInvoice): Sale {
    liveOf(sale.id).links = paymentLinksOf(invoice)
    return writeInBackground(
      sale.id,
      journal.update(sale.id, {
        invoiceId: invoice.id,
        status: normalizeLegacyStatus(invoice.status),
        exceptionStatus: normalizeExceptionStatus(invoice.exceptionStatus),
        checkoutLink: invoice.url,
        expiresAt: invoice.expirationTime,
      }),
    )
  }

  function applyStatus(saleId: string, status: PaymentStatus): void {
    const before = journal.get(saleId)
    if (!before) return
    const updated = writeInBackground(
      saleId,
      journal.update(saleId, {
        status: status.legacyStatus,
        exceptionStatus: status.exceptionStatus,
        expiresAt: status.expiresAt,
      }),
    )
    liveOf(saleId).trouble = null
    const shown = view(updated)
    if (paidAfterCancel(shown) && salePhaseOf(before) !== shown.phase) {
      log.warn('sales.paid-after-cancel', { orderId: updated.orderId, phase: shown.phase })
    }
    events.emit('sale:changed', shown)
    if (status.final) stopFollowing(saleId)
  }

  /**
   * The watcher (a websocket; its first signed GET when that opens) starts once the charge's
   * answer is on its way to the cashier: setImmediate runs after the promise callbacks that send
   * it, and it starts from the answer's status. Until then the sale's watcher slot holds the
   * pending start, so stopFollowing() and stop() cancel it.
   */
  function followAfterAnswer(saleId: string, answer: LegacyInvoice): void {
    const entry = liveOf(saleId)
    if (entry.watcher) return
    const start = setImmediate(() => {
      entry.watcher = null
      try {
        follow(saleOf(saleId), answer)
      } catch (err) {
        log.warn('sales.watch-failed', { saleId, err })
      }
    })
    entry.watcher = { stop: () => clearImmediate(start) }
  }

  /** `known`: the invoice as BTCPay just answered it (InvoiceWatcher's `known`). */
  function follow(sale: Sale, known?: LegacyInvoice): void {
    if (!sale.invoiceId || live.get(sale.id)?.watcher) return
    const api = apiOf(sale)
    const saleId = sale.id
    liveOf(saleId).watcher = deps.watch({
      invoiceId: sale.invoiceId,
      ...(known && { known }),
      serverUrl: api.baseUrl,
      fetchInvoice: async (id) => {
        const invoice = await api.getInvoice(id)
        liveOf(saleId).links = paymentLinksOf(invoice)
        return invoice
      },
      onStatus: (status) => applyStatus(saleId, status),
      onConnection: ({ trouble: code }) => {
        const entry = liveOf(saleId)
        // The watcher reports a client error code; the view words it (sale-view.ts).
        const problem = code
          ? Object.hasOwn(ERROR_MESSAGES, code)
            ? (code as BtcpayErrorCode)
            : 'network'
          : null
        if (entry.trouble === problem) return
        entry.trouble = problem
        const current = journal.get(saleId)
        if (current) publish(current)
      },
      log,
      now,
      ...deps.watcherOptions,
    })
  }

  function stopFollowing(saleId: string) {
    live.get(saleId)?.watcher?.stop()
    live.delete(saleId)
  }

  const retryMs = deps.reconcileRetryMs ?? RECONCILE_RETRY_MS
  const graceMs = deps.reconcileGraceMs ?? RECONCILE_GRACE_MS

  /**
   * Looks up, by its orderId, the invoice of a sale whose creation went unanswered. True when the
   * sale's fate is known: its invoice was found, or none appeared within the grace period.
   */
  async function reconcile(sale: Sale): Promise<boolean> {
    if (sale.paymentRequestId) return reconcilePayment(sale)
    try {
      const invoice = await deps.invoices().findInvoice(sale.orderId)
      if (!invoice && now() - sale.createdAt < graceMs) return false
      const updated = invoice
        ? applyInvoice(sale, invoice)
        : await journal.update(sale.id, { status: 'not-created' })
      log.info('sales.reconciled', { orderId: sale.orderId, found: Boolean(invoice) })
      publish(updated)
      if (invoice) follow(updated)
      return true
    } catch (err) {
      log.warn('sales.reconcile-failed', { orderId: sale.orderId, err })
      return false
    }
  }

  /**
   * A counter payment whose `/pay` went unanswered is asked again: invoice reuse returns the
   * invoice already made, if any, never a second one. A refusal (paid meanwhile, archived,
   * expired) or the end of the grace period means this payment has no invoice.
   */
  async function reconcilePayment(sale: Sale): Promise<boolean> {
    try {
      deps.requestInvoices()
    } catch {
      return false // the API key is loaded (or added) later: asked again then
    }
    try {
      const invoice = await invoiceOf(sale, minorDigits(sale.currency), null, Promise.resolve())
      const updated = applyInvoice(sale, invoice)
      log.info('sales.reconciled', { orderId: sale.orderId, found: true })
      publish(updated)
      follow(updated)
      return true
    } catch (err) {
      const code = err instanceof BtcpayError ? err.code : 'network'
      if (!NEVER_SENT.has(code) && now() - sale.createdAt < graceMs) {
        log.warn('sales.reconcile-failed', { orderId: sale.orderId, err })
        return false
      }
      publish(await journal.update(sale.id, { status: 'not-created' }))
      log.info('sales.reconciled', { orderId: sale.orderId, found: false })
      return true
    }
  }

  function scheduleResume() {
    reconcileTimer ??= setTimeout(() => {
      reconcileTimer = null
      void resumeAll().catch((err: unknown) => log.error('sales.resume-failed', { err }))
    }, retryMs)
  }

  async function resumeAll(): Promise<void> {
    if (reconcileTimer) clearTimeout(reconcileTimer)
    reconcileTimer = null
    let pending = false
    for (const sale of journal.unfinished()) {
      if (sale.status === 'creating') pending = !(await reconcile(sale)) || pending
      else follow(sale)
    }
    if (pending) scheduleResume()
  }

  /**
   * The invoice of a sale. Its request is built and BitId-signed before this returns (the largest
   * synchronous step of a charge) and leaves once `sendAfter` resolves.
   */
  async function invoiceOf(
    sale: NewSale,
    digits: number,
    cartFields: CartFields | null,
    sendAfter: Promise<unknown>,
  ): Promise<LegacyInvoice> {
    const s = settings.get()
    return apiOf(sale).createInvoice(
      {
        price: minorToDecimal(sale.amountMinor, digits),
        currency: sale.currency,
        orderId: sale.orderId,
        description: sale.description,
        itemCode: cartFields?.itemCode ?? null,
        posData: {
          ...cartFields?.posData,
          terminal: s.terminalLabel,
          terminalId: s.terminalId,
          cashier: sale.cashier,
        },
        paymentRequestId: sale.paymentRequestId,
      },
      sendAfter,
    )
  }

  /**
   * Sends the invoice request of a recorded sale and follows it; a doubt is reconciled later. The
   * answer waits for the record's flush too (`durable`): the customer is shown a QR code only for a
   * sale that would survive a power cut. If that flush fails, the sale is taken back and the
   * charge fails; an invoice BTCPay may have made meanwhile was never shown, and expires unpaid.
   */
  async function requestInvoice(
    recorded: Sale,
    answer: Promise<{ invoice: LegacyInvoice } | { error: unknown }>,
    durable: Promise<Sale>,
  ): Promise<SaleView> {
    await durable
    const outcome = await answer
    if ('invoice' in outcome) {
      const sale = applyInvoice(recorded, outcome.invoice)
      publishSoon(sale.id)
      followAfterAnswer(sale.id, outcome.invoice)
      return view(sale)
    }
    const err = outcome.error
    const code = err instanceof BtcpayError ? err.code : 'network'
    if (NEVER_SENT.has(code)) {
      publish(await journal.update(recorded.id, { status: 'not-created' }))
    } else if (!(await reconcile(recorded))) {
      // The request may have reached BTCPay: keep the sale as 'creating' and ask again later.
      scheduleResume()
      const base = toAppError(err)
      throw base instanceof AppError
        ? new AppError(
            base.code,
            `${base.message} The sale is saved; the terminal keeps checking whether BTCPay created the invoice, so look in History before charging again.`,
            undefined,
            undefined,
            [...(base.words ?? []), say('sale.saved-check-history')],
          )
        : base
    } else {
      const found = journal.get(recorded.id)
      if (found?.invoiceId) return view(found)
    }
    throw recorded.paymentRequestId ? paymentRequestError(err) : toAppError(err)
  }

  /**
   * Journal first, then the invoice (charges and counter payments alike): the sale's line is
   * written (a crash of the app from here on is put right by reconcile) while its invoice request
   * is signed; the request goes once the line is written, and its fdatasync runs meanwhile
   * (README.md).
   */
  async function startSale(
    draftOf: () => Promise<NewSale>,
    digits: number,
    cartFields: CartFields | null = null,
  ): Promise<SaleView> {
    if (charging)
      throw explained(
        'busy',
        say('sale.charging'),
        'A charge is already being sent. Wait a moment.',
      )
    charging = true
    try {
      const draft = await draftOf()
      const { written, durable } = journal.record(draft)
      durable.catch(() => undefined) // awaited below, after the signature
      // The journal's writer has handed the line to the thread pool (journal-writer.ts): the
      // request is signed and built while the disk works on it, and leaves once it is written.
      const answer = invoiceOf(draft, digits, cartFields, written).then(
        (invoice) => ({ invoice }),
        (error: unknown) => ({ error }),
      )
      await written
      const recorded = journal.get(draft.id) as Sale
      publishSoon(recorded.id)
      return await requestInvoice(recorded, answer, durable)
    } finally {
      charging = false
    }
  }

  /** A keypad amount in the till's currency, or a cart priced against the catalog in its own. */
  function whatIsSold(input: RequestInput<'sales:charge'>, currency: string, maxAmount: number) {
    if ('cart' in input) {
      const catalog = deps.catalog()
      const maxMinor = maxAmount * 10 ** minorDigits(catalog.currency ?? currency)
      const priced = priceCart(catalog, input.cart, currency, maxMinor)
      const cartFields = cartInvoiceFields(priced, input.cart.tipPercent)
      return {
        amountMinor: priced.totalMinor,
        currency: priced.currency,
        description: cartFields.itemDesc,
        cart: { lines: priced.lines, tipMinor: priced.tipMinor },
        cartFields,
      }
    }
    const amount = parseAmount(input.amount, currency, maxAmount * 10 ** minorDigits(currency))
    if (!amount.ok) throw amountRefused(amount)
    return {
      amountMinor: amount.minor,
      currency,
      description: input.description?.trim() || null,
      cart: null,
      cartFields: null,
    }
  }

  return {
    view,

    /** After start and after each (re)pairing: reconcile unsent charges, resume watchers. */
    async resume(): Promise<void> {
      try {
        deps.invoices()
      } catch {
        return // not paired, or no API key: nothing can be asked yet
      }
      await resumeAll()
    },

    async charge(input: RequestInput<'sales:charge'>): Promise<SaleView> {
      const s = settings.get()
      deps.invoices() // not paired or no API key: refused before anything is written
      const sold = whatIsSold(input, s.currency, s.maxAmount)
      return startSale(
        () =>
          newSale(journal, s.terminalId ?? 'POS', {
            createdAt: now(),
            amountMinor: sold.amountMinor,
            currency: sold.currency,
            description: sold.description,
            cashier: s.cashier || null,
            cart: sold.cart,
          }),
        minorDigits(sold.currency),
        sold.cartFields,
      )
    },

    /**
     * The customer pays (part of) a payment request at the counter: a sale in the journal with
     * `paymentRequestId`, written first like a charge, whose invoice comes from the request's
     * `/pay` with invoice reuse (a crash during it is retried without a second invoice).
     */
    async payPaymentRequest({
      paymentRequestId,
      amount,
    }: RequestInput<'payment-requests:pay'>): Promise<SaleView> {
      deps.requestInvoices() // no API key: refused before anything is written
      const { request, dueMinor } = await deps.paymentRequestOf(paymentRequestId)
      const digits = minorDigits(request.currency)
      let amountMinor = dueMinor
      if (amount !== undefined && amount.trim() !== '') {
        const typed = parseAmount(amount, request.currency, dueMinor)
        if (!typed.ok) throw amountRefused(typed)
        if (typed.minor !== dueMinor && !request.allowCustomPaymentAmounts) {
          throw explained(
            'bad-input',
            say('request.whole-amount'),
            'This payment request takes only the whole amount due: it does not allow partial payments.',
          )
        }
        amountMinor = typed.minor
      }
      if (amountMinor <= 0) {
        throw explained(
          'bad-request',
          say('request.nothing-due'),
          'Nothing is due on this payment request any more.',
        )
      }
      const s = settings.get()
      return startSale(
        () =>
          newSale(journal, s.terminalId ?? 'POS', {
            createdAt: now(),
            amountMinor,
            currency: request.currency,
            description: request.title,
            cashier: s.cashier || null,
            paymentRequestId: request.id,
          }),
        digits,
      )
    },

    /** A sale as it is now; an open one gets its payment links fetched again. */
    async openSale({ saleId }: RequestInput<'sales:open'>): Promise<SaleView> {
      let sale = saleOf(saleId)
      if (sale.invoiceId && reopenablePhases.includes(salePhaseOf(sale))) {
        try {
          sale = applyInvoice(sale, await apiOf(sale).getInvoice(sale.invoiceId))
          follow(sale)
        } catch (err) {
          throw toAppError(err)
        }
      }
      return view(sale)
    },

    /**
     * The cashier gives up on a sale. Its invoice stays payable at BTCPay, so it is still followed
     * until it expires (and through the late-payment grace): money that arrives anyway is pushed
     * like any change, with `cancelledAt` set, for the renderer's "paid after cancel" notice.
     */
    async cancelSale({ saleId }: RequestInput<'sales:cancel'>): Promise<SaleView> {
      const sale = saleOf(saleId)
      const phase = salePhaseOf(sale)
      if (phase !== 'creating' && !payablePhases.includes(phase)) return view(sale)
      const updated = await journal.update(saleId, { cancelledAt: now() })
      log.info('sales.cancelled', { orderId: updated.orderId })
      publish(updated)
      // Only a sale nothing was paid on is voided: money on it calls for a refund.
      if (phase === 'waiting' && deps.voidSale) await deps.voidSale(updated)
      return view(journal.get(saleId) ?? updated)
    },

    stop(): void {
      if (reconcileTimer) clearTimeout(reconcileTimer)
      reconcileTimer = null
      for (const push of soon) clearImmediate(push)
      soon.clear()
      for (const id of [...live.keys()]) stopFollowing(id)
    },
  }
}
type CartFields = ReturnType<typeof cartInvoiceFields>
export type Cashier = ReturnType<typeof createCashier>
