import { randomInt } from 'node:crypto'
import { existsSync } from 'node:fs'
import { platform } from 'node:os'
import { join } from 'node:path'
import type { AppInfo, RequestInput } from '../../shared/ipc/contract'
import { AppError, explained } from '../../shared/ipc/result'
import { say } from '../../shared/ipc/sentence'
import { notInJournal } from '../ipc/app-errors'
import type { SaleView } from '../../shared/sale'
import type { ReportPeriod } from '../../shared/shifts'
import type { TerminalState } from '../../shared/terminal-state'
import {
  createApiKeyService,
  type ApiKeyDeps,
  type GreenfieldClientFactory,
} from '../api-key/api-key-service'
import { LegacyClient } from '../btcpay/legacy-client'
import type { Handlers } from '../ipc/dispatcher'
import { createEventHub } from '../ipc/event-hub'
import type { KeyVault } from '../keychain/key-vault'
import type { Logger } from '../log/logger'
import { createManagerLock } from '../manager/manager-lock'
import { createPairingService, type ClientFactory } from '../pairing/pairing-service'
import { applyProvisioning, type ProvisioningOutcome } from '../provisioning/apply-provisioning'
import { createCatalog } from '../catalog/catalog-service'
import { createParkedCarts } from '../catalog/parked-carts'
import { createCustomerFeed } from '../customer-display/customer-feed'
import { createTillFocus } from '../customer-display/till-focus'
import { createTipQuestion } from '../customer-display/tip-question'
import { createDemoCustomer, createDemoRefundClaim } from '../demo/demo-customer'
import type { DataDirLock } from '../data-dir/data-dir-lock'
import { makeDataDirPrivate } from '../data-dir/private-modes'
import { createJournal } from '../journal/journal'
import { watchInvoice } from '../payments/invoice-watcher'
import { openPendingCreations } from '../payment-requests/pending-creations'
import { createPaymentRequests } from '../payment-requests/payment-requests'
import { createCashier, type CashierDeps } from '../sales/cashier'
import { chosenInvoiceApi, paymentRequestInvoiceApi } from '../sales/invoice-api'
import { testConnection } from '../pairing/connection-test'
import { createRefundDesk } from '../refunds/refund-desk'
import { createRefundLedger } from '../refunds/refund-ledger'
import { createSalesHistory } from '../sales/sales-history'
import type { SystemPrint } from '../printing/receipt-printer'
import { createReceiptPrinter } from '../printing/receipt-printer'
import type { PrintTimeouts } from '../printing/print-outcome'
import { createPaymentRecordStore } from '../receipts/payment-record-store'
import { createReceiptService } from '../receipts/receipt-service'
import { createShiftService } from '../shifts/shift-service'
import { createShiftStore } from '../shifts/shift-store'
import { createSettingsStore, type SettingsBackend } from '../settings/settings-store'
import type { RefundView } from '../../shared/refund'
import type { ReceiptRef } from '../../shared/receipts'
import type { SettingsPatch } from '../../shared/settings'

/** A provisioning file dropped here is applied at start and removed once it worked. */
export const PROVISIONING_FILE_NAME = 'provision.json'

export type CoreDeps = {
  host: AppInfo['host']
  appName: string
  appVersion: string
  dataDir: string
  /** Taken by the host (lockDataDir) before anything touched the folder; released by stop(). */
  dataDirLock: DataDirLock
  settingsBackend: SettingsBackend
  vault: KeyVault
  log: Logger
  /** `--provision <file>`: applied at start, left in place. */
  provisionFile?: string | null
  now?: () => number
  makeClient?: ClientFactory
  /** Builds the Greenfield client of the API key; tests shorten its timeouts. */
  makeApiKeyClient?: GreenfieldClientFactory
  pairingPollMs?: number
  watcherOptions?: CashierDeps['watcherOptions']
  /** Origin of the BTCPay test server in demo mode (`--demo`), else null. */
  demo?: string | null
  /** Durable journal writes (fdatasync); only benchmarks of other parts turn this off. */
  journalFsync?: boolean
  /** How often an issued refund's payouts are looked at; tests shorten it. */
  refundFollowMs?: number
  /** Opens a link in the system browser (Electron); absent in the browser host, whose page opens it. */
  openExternal?: ApiKeyDeps['openExternal']
  /** Ends the app (Electron) or the host; called after the manager check passed. */
  quit?: () => void
  /** How long the customer display shows a result before its idle screen. */
  customerResultMs?: number
  /** Electron's silent printing on the system printer; hosts without Electron have none. */
  systemPrint?: SystemPrint | null
  printTimeouts?: PrintTimeouts
}

/** A short random id for this till (order ids are `<terminalId>-<sequence>`). */
function newTerminalId(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  return Array.from({ length: 8 }, () => alphabet[randomInt(alphabet.length)]).join('')
}

/**
 * Everything main does, built from injected dependencies. Both hosts (Electron and the browser
 * host) call this and differ only in the glue around it.
 */
export function createCore(deps: CoreDeps) {
  const { log, vault } = deps
  const now = deps.now ?? Date.now
  const startedAt = now()
  const events = createEventHub(log)
  const settings = createSettingsStore(deps.settingsBackend)
  settings.onChange((s) => {
    events.emit('settings:changed', s)
    chargeRouteChanged()
  })

  let provisioning: ProvisioningOutcome | null = null
  const terminalState = (): TerminalState => ({
    connection: pairing.connection(),
    manager: manager.view(),
    provisioning,
  })
  const publishTerminal = () => events.emit('terminal:changed', terminalState())

  const invoiceApi = () =>
    chosenInvoiceApi({
      chargeVia: settings.get().chargeVia,
      pairedClient: () => pairing.client(),
      keyClient: () => apiKeys.client(),
    })
  /**
   * What the till charges through: the paired server (legacy) or the API key's server and store
   * (Greenfield); null when that cannot charge now.
   */
  const chargeRoute = (): string | null => {
    const s = settings.get()
    if (s.chargeVia === 'legacy') {
      return pairing.connection().status === 'paired' ? `legacy ${s.pairedServer?.url}` : null
    }
    // The stored key, not the panel's view: authorizing another key does not stop the charges.
    const key = apiKeys.client()
    return key ? `greenfield ${key.baseUrl} ${key.storeId}` : null
  }
  /**
   * A new route (paired, key added, the manager switched APIs): unsent charges are reconciled and
   * invoices followed through it; no route: nothing is watched.
   */
  let route: string | null = null
  const resumeSales = () =>
    void cashier.resume().catch((err: unknown) => log.error('sales.resume-failed', { err }))
  /** True when the route changed (and the sales were resumed through the new one). */
  const chargeRouteChanged = (): boolean => {
    const next = chargeRoute()
    if (next === route) return false
    route = next
    cashier.stop()
    if (next) resumeSales()
    return true
  }
  /**
   * Payment requests and their counter payments go through the API key whatever the route: those
   * a crash left unanswered are put right once the key is there.
   */
  const apiKeyChanged = () => {
    const rerouted = chargeRouteChanged()
    if (!apiKeys.client()) return
    if (!rerouted && route) resumeSales()
    void paymentRequests
      .resume()
      .catch((err: unknown) => log.error('payment-requests.resume-failed', { err }))
  }
  const onPairingChange = () => {
    publishTerminal()
    chargeRouteChanged()
  }

  const manager = createManagerLock({
    vault,
    log,
    now,
    onChange: publishTerminal,
    attemptsFile: join(deps.dataDir, 'manager-pin-attempts.json'),
  })
  const pairing = createPairingService({
    vault,
    settings,
    log,
    now,
    onChange: onPairingChange,
    pollIntervalMs: deps.pairingPollMs,
    makeClient:
      deps.makeClient ??
      ((o) => new LegacyClient({ baseUrl: o.baseUrl, identity: o.identity, token: o.token, log })),
  })

  const apiKeys = createApiKeyService({
    vault,
    log,
    openExternal: deps.openExternal,
    makeClient: deps.makeApiKeyClient,
    onChange: () => {
      events.emit('api-key:changed', apiKeys.getApiKey())
      apiKeyChanged()
    },
  })

  const catalog = createCatalog({
    dir: join(deps.dataDir, 'catalog'),
    client: () => apiKeys.client(),
    log,
    now,
    onChange: (view) => events.emit('catalog:changed', view),
  })
  const parkedCarts = createParkedCarts({
    dir: join(deps.dataDir, 'carts'),
    catalog: catalog.getCatalog,
    currency: () => settings.get().currency,
    log,
    now,
    onChange: (carts) => events.emit('carts:changed', { carts }),
  })

  const journal = createJournal({
    dir: join(deps.dataDir, 'journal'),
    log,
    now,
    fsync: deps.journalFsync ?? true,
  })
  const refundLedger = createRefundLedger({
    dir: join(deps.dataDir, 'refunds'),
    log,
    fsync: deps.journalFsync,
  })
  const refunds = createRefundDesk({
    ledger: refundLedger,
    journal,
    client: () => apiKeys.client(),
    events,
    log,
    now,
    followMs: deps.refundFollowMs,
  })
  const cashier = createCashier({
    voidSale: refunds.voidSale,
    journal,
    invoices: invoiceApi,
    requestInvoices: () => paymentRequestInvoiceApi(() => apiKeys.client()),
    paymentRequestOf: (paymentRequestId) => paymentRequests.getPaymentRequest({ paymentRequestId }),
    settings,
    events,
    log,
    now,
    watch: watchInvoice,
    catalog: catalog.getCatalog,
    watcherOptions: deps.watcherOptions,
  })
  const paymentRequests = createPaymentRequests({
    greenfield: () => apiKeys.client(),
    pending: openPendingCreations(deps.dataDir, deps.journalFsync ?? true),
    settings,
    log,
    now,
  })
  const customerFeed = createCustomerFeed(events)
  const tillFocus = createTillFocus({
    events,
    settings,
    getSale: (saleId) => {
      const sale = journal.get(saleId)
      if (!sale) throw notInJournal()
      return cashier.view(sale)
    },
    holdMs: deps.customerResultMs,
  })
  const tipQuestion = createTipQuestion({
    events,
    settings,
    catalog: catalog.getCatalog,
    focus: tillFocus,
    displayConnected: customerFeed.connected,
    log,
  })
  const paymentRecords = createPaymentRecordStore({ dir: join(deps.dataDir, 'receipts'), log })
  const history = createSalesHistory({
    journal,
    view: cashier.view,
    refunds,
    payments: paymentRecords,
    exportDir: join(deps.dataDir, 'exports'),
  })
  const receipts = createReceiptService({
    journal,
    payments: paymentRecords,
    refunds: refundLedger,
    client: invoiceApi,
    settings,
    printer: createReceiptPrinter({
      settings: () => settings.get().receipts,
      systemPrint: deps.systemPrint ?? null,
      timeouts: deps.printTimeouts,
    }),
    log,
    onAutoPrint: ({ saleId, refundId }, outcome) =>
      events.emit('receipt:printed', { saleId, refundId: refundId ?? null, outcome }),
    dueOnRequest: async (paymentRequestId) =>
      (await paymentRequests.getPaymentRequest({ paymentRequestId })).dueMinor,
  })
  // Every sale, void and refund change passes by the receipts: the first paid one keeps its
  // details and may print; a void BTCPay carried out and a refund it issued may print their slip.
  events.connect((channel, envelope) => {
    if (channel === 'sale:changed') receipts.saleChanged(envelope.data as SaleView)
    if (channel === 'refund:changed') receipts.refundChanged(envelope.data as RefundView)
  })
  const methodOf = (saleId: string) => {
    const methods = new Set(paymentRecords.get(saleId)?.payments.map((p) => p.method))
    return methods.size === 1 ? [...methods][0]! : null
  }
  const shiftStore = createShiftStore({ dir: join(deps.dataDir, 'shifts') })
  const shifts = createShiftService({
    store: shiftStore,
    journal,
    settings,
    methodOf,
    // Refunds count in the period they were made, as their value in the sale's currency.
    refunds: () =>
      refunds.moneyRefunds().map((r) => ({
        saleId: r.saleId,
        at: r.createdAt,
        amountMinor: r.fiatMinor,
        currency: r.currency,
        cashier: journal.get(r.saleId)?.cashier ?? null,
        method: methodOf(r.saleId),
      })),
    now,
    exportDir: join(deps.dataDir, 'exports'),
  })
  const demoCustomer = createDemoCustomer(deps.demo ?? null)
  const claimRefund = createDemoRefundClaim(deps.demo ?? null)
  const simulateRefundClaim = async ({ refundId }: { refundId: string }) => {
    const pullPaymentId = refunds.pullPaymentOf(refundId)
    if (!pullPaymentId) throw new AppError('not-found', 'That refund has no pull payment yet.')
    return claimRefund(pullPaymentId)
  }
  let started: Promise<void> | null = null
  /** Sales need the journal loaded; a request that arrives during start waits for it. */
  const afterStart =
    <I, O>(action: (input: I) => O | Promise<O>) =>
    async (input: I): Promise<O> => {
      if (!started)
        throw explained('internal', say('manager.starting'), 'The terminal is still starting.')
      await started
      return action(input)
    }

  /** Manager actions: refused in main while a PIN is set and not entered. */
  const asManager =
    <I, O>(action: (input: I) => Promise<O>) =>
    async (input: I): Promise<O> => {
      manager.require()
      return action(input)
    }
  const thenState =
    <I>(action: (input: I) => Promise<unknown> | void) =>
    async (input: I): Promise<TerminalState> => {
      await action(input)
      return terminalState()
    }

  const getAppInfo = async (): Promise<AppInfo> => ({
    name: deps.appName,
    version: deps.appVersion,
    host: deps.host,
    platform: platform(),
    dataDir: deps.dataDir,
    startedAt,
    demo: Boolean(deps.demo),
  })
  const getSettings = async () => settings.get()
  const updateSettings = asManager(async (patch: SettingsPatch) => {
    if (patch.chargeVia === 'greenfield' && !apiKeys.mayCharge()) {
      throw explained(
        'bad-input',
        say('charge.key-may-not-charge'),
        'To charge with the API key, authorize a key that may create and view invoices first ' +
          '(Manager › API key).',
      )
    }
    return settings.update(patch)
  })
  const getTerminalState = async () => terminalState()

  // An issued refund's claim code faces the customer too, until the refund is paid.
  events.connect((channel, envelope) => {
    if (channel !== 'refund:changed') return
    const r = envelope.data as RefundView
    if (r.kind !== 'refund') return
    const claimable = (r.state === 'issued' || r.state === 'claimed') && r.claimLink !== null
    tillFocus.showRefund(
      claimable
        ? {
            amount: r.amount,
            amountCurrency: r.amountCurrency,
            claimLink: r.claimLink!,
            lnurl: r.lnurl,
          }
        : null,
    )
  })
  const focusSale = async ({ saleId }: { saleId: string | null }) => {
    tillFocus.focus(saleId)
    return { done: true as const }
  }
  const showPaymentMethod = async (input: RequestInput<'till:show-payment-method'>) => {
    tillFocus.showPaymentMethod(input.saleId, input.method)
    return { done: true as const }
  }
  // Only a starting till page asks this (kiosk/till-focus.ts): its tip question died with it.
  const focusedSale = async () => {
    tipQuestion.tillRestarted()
    return tillFocus.focused()
  }
  const quitApp = async () => {
    if (!deps.quit) throw new AppError('internal', 'This terminal cannot be quit from here.')
    // After this answer has left: the renderer hears "done" before its window goes.
    setImmediate(deps.quit)
    return { done: true as const }
  }

  const previewReceipt = (ref: ReceiptRef) => receipts.preview(ref)
  const printReceipt = (ref: ReceiptRef) => receipts.print(ref)
  const reprintReceipt = (ref: ReceiptRef) => receipts.reprint(ref)
  const currentShift = async () => shifts.current()
  const openShift = (input: RequestInput<'shifts:open'>) => shifts.open(input)
  const closeShift = () => shifts.close()
  const shiftReport = async (period: ReportPeriod) => shifts.report(period)
  const printShiftReport = (period: ReportPeriod) =>
    receipts.printReport(shifts.report(period), now())
  const exportShiftReportCsv = (period: ReportPeriod) => shifts.exportCsv(period)

  // Each handler is the core function of the contract's method name (requests[channel].method).
  const handlers: Handlers = {
    'app:get-info': getAppInfo,
    'settings:get': getSettings,
    'settings:update': updateSettings,
    'terminal:get-state': getTerminalState,
    'terminal:retry-keychain': thenState(async () => {
      await pairing.retryKeychain()
      if (manager.view().pinUnreadable) await manager.load()
    }),
    'pairing:with-code': asManager(thenState((input) => pairing.pairWithCode(input))),
    'pairing:request-code': asManager(thenState((input) => pairing.requestPairingCode(input))),
    'pairing:with-public-key': asManager(thenState((input) => pairing.pairWithPublicKey(input))),
    'pairing:cancel': asManager(thenState(() => pairing.cancelPairing())),
    'pairing:test-connection': () => testConnection({ pairing, apiKeys, settings }),
    'pairing:unpair': asManager(thenState(() => pairing.unpair())),
    'pairing:rotate-key': asManager(thenState(() => pairing.rotateKey())),
    'manager:unlock': thenState(({ pin }) => manager.unlockManager(pin)),
    'manager:lock': thenState(() => manager.lockManager()),
    'manager:set-pin': asManager(
      thenState(({ pin, currentPin }) => manager.setManagerPin(pin, currentPin)),
    ),
    'api-key:get': async () => apiKeys.getApiKey(),
    'api-key:authorize': asManager(apiKeys.authorizeApiKey),
    'api-key:paste': asManager(apiKeys.pasteApiKey),
    'api-key:choose-store': asManager(apiKeys.chooseApiKeyStore),
    'api-key:cancel': asManager(apiKeys.cancelApiKey),
    'api-key:remove': asManager(apiKeys.removeApiKey),
    'sales:charge': afterStart(cashier.charge),
    'sales:open': afterStart(cashier.openSale),
    'sales:cancel': afterStart(cashier.cancelSale),
    'sales:list': afterStart(history.listSales),
    'sales:totals': afterStart(history.salesTotals),
    'sales:export-csv': afterStart(history.exportSalesCsv),
    'refunds:of-sale': afterStart(refunds.refundsOfSale),
    'refunds:list': afterStart(refunds.listRefunds),
    'refunds:preview': afterStart(asManager(refunds.previewRefund)),
    'refunds:issue': afterStart(asManager(refunds.refundSale)),
    'demo:claim-refund': afterStart(simulateRefundClaim),
    'sales:journal-problems': asManager(afterStart(history.journalProblems)),
    'catalog:get': async () => catalog.getCatalog(),
    'catalog:refresh': () => catalog.refreshCatalog(),
    'catalog:list-apps': asManager(catalog.listPosApps),
    'catalog:choose-app': asManager(catalog.chooseCatalogApp),
    'catalog:set-barcode': asManager(async (input) => catalog.setItemBarcode(input)),
    'carts:list': async () => parkedCarts.listParkedCarts(),
    'carts:park': async (input) => parkedCarts.parkCart(input),
    'carts:resume': async (input) => parkedCarts.resumeCart(input),
    'payment-requests:list': afterStart(paymentRequests.listPaymentRequests),
    'payment-requests:get': afterStart(paymentRequests.getPaymentRequest),
    'payment-requests:create': afterStart(paymentRequests.createPaymentRequest),
    'payment-requests:update': afterStart(paymentRequests.updatePaymentRequest),
    'payment-requests:archive': afterStart(paymentRequests.archivePaymentRequest),
    'payment-requests:pay': afterStart(cashier.payPaymentRequest),
    'till:focus-sale': afterStart(focusSale),
    'till:show-payment-method': afterStart(showPaymentMethod),
    'till:focused-sale': afterStart(focusedSale),
    'tip:ask': afterStart(async (input) => tipQuestion.askCustomerTip(input)),
    'tip:close': async (input) => tipQuestion.closeCustomerTip(input),
    'app:quit': asManager(quitApp),
    'receipts:preview': afterStart(previewReceipt),
    'receipts:print': afterStart(printReceipt),
    'receipts:reprint': afterStart(reprintReceipt),
    'shifts:current': afterStart(currentShift),
    'shifts:open': afterStart(openShift),
    'shifts:close': asManager(afterStart(closeShift)),
    'shifts:report': afterStart(shiftReport),
    'shifts:print-report': afterStart(printShiftReport),
    'shifts:export-csv': afterStart(exportShiftReportCsv),
    'demo:simulate': ({ invoiceId, action }) => demoCustomer.simulateCustomer(invoiceId, action),
    'demo:simulate-request-payment': ({ paymentRequestId, amount }) =>
      demoCustomer.simulateRequestPayment(paymentRequestId, amount),
  }

  /**
   * Loads the journal and the identity, applies a provisioning file if there is one, then
   * reconciles unsent charges and resumes watchers (once paired).
   */
  function start(): Promise<void> {
    started ??= startOnce()
    return started
  }
  async function startOnce(): Promise<void> {
    makeDataDirPrivate(deps.dataDir)
    if (!settings.get().terminalId) settings.setCoreFields({ terminalId: newTerminalId() })
    await journal.load()
    await manager.load()
    await paymentRecords.load()
    await shiftStore.load()
    await pairing.start()
    await apiKeys.load()
    await refunds.load()
    void refunds.resume().catch((err: unknown) => log.error('refunds.resume-failed', { err }))
    catalog.load()
    parkedCarts.load()
    void catalog.refreshCatalog()
    const dropped = join(deps.dataDir, PROVISIONING_FILE_NAME)
    const file = deps.provisionFile ?? (existsSync(dropped) ? dropped : null)
    if (file && pairing.connection().status !== 'keychain-unavailable') {
      provisioning = await applyProvisioning({
        file,
        deleteAfterUse: file === dropped,
        pairing,
        settings,
        manager,
        apiKeys,
        log,
        now,
      })
      publishTerminal()
    }
    tillFocus.start()
  }

  return {
    handlers,
    events,
    settings,
    pairing,
    apiKeys,
    cashier,
    catalog,
    paymentRequests,
    history,
    refunds,
    customerFeed,
    /** The customer display's one message: its answer to the tip question. */
    chooseTip: tipQuestion.chooseTip,
    receipts,
    shifts,
    log,
    start,
    /**
     * Stops watchers and timers, closes the journal, which writes the exact next order number (so
     * a restart skips none), and releases the data folder. Never throws for the journal: a full
     * disk at close is logged and answered with `journalClosed: false`; every sale line was
     * already durable, only the number is lost.
     */
    async stop(): Promise<{ journalClosed: boolean }> {
      tillFocus.stop()
      pairing.stop()
      apiKeys.stop()
      cashier.stop()
      refunds.stop()
      catalog.stop()
      paymentRequests.stop()
      let journalClosed = true
      try {
        await journal.close()
      } catch (err) {
        log.error('journal.close-failed', { err })
        journalClosed = false
      }
      await deps.dataDirLock.release()
      return { journalClosed }
    },
  }
}
export type Core = ReturnType<typeof createCore>
