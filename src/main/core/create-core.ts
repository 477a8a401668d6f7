import { randomInt } from 'node:crypto'
import { existsSync } from 'node:fs'
import { platform } from 'node:os'
import { join } from 'node:path'
import type { AppInfo } from '../../shared/ipc/contract'
import { AppError } from '../../shared/ipc/result'
import type { SaleView } from '../../shared/sale'
import type { TerminalState } from '../../shared/terminal-state'
import { LegacyClient } from '../btcpay/legacy-client'
import type { Handlers } from '../ipc/dispatcher'
import { createEventHub } from '../ipc/event-hub'
import type { KeyVault } from '../keychain/key-vault'
import type { Logger } from '../log/logger'
import { createManagerLock } from '../manager/manager-lock'
import { createPairingService, type ClientFactory } from '../pairing/pairing-service'
import { applyProvisioning, type ProvisioningOutcome } from '../provisioning/apply-provisioning'
import { createDemoCustomer } from '../demo/demo-customer'
import { createJournal } from '../journal/journal'
import { watchInvoice } from '../payments/invoice-watcher'
import type { SystemPrint } from '../printing/receipt-printer'
import { createReceiptPrinter } from '../printing/receipt-printer'
import type { PrintTimeouts } from '../printing/print-outcome'
import { createPaymentRecordStore } from '../receipts/payment-record-store'
import { createReceiptService } from '../receipts/receipt-service'
import { createCashierService, type CashierDeps } from '../sales/cashier-service'
import { createShiftService } from '../shifts/shift-service'
import { createShiftStore } from '../shifts/shift-store'
import { createSettingsStore, type SettingsBackend } from '../settings/settings-store'

/** A provisioning file dropped here is applied at start and removed once it worked. */
export const PROVISIONING_FILE_NAME = 'provision.json'

export type CoreDeps = {
  host: AppInfo['host']
  appName: string
  appVersion: string
  dataDir: string
  settingsBackend: SettingsBackend
  vault: KeyVault
  log: Logger
  /** `--provision <file>`: applied at start, left in place. */
  provisionFile?: string | null
  now?: () => number
  makeClient?: ClientFactory
  pairingPollMs?: number
  watcherOptions?: CashierDeps['watcherOptions']
  /** Origin of the BTCPay test server in demo mode (`--demo`), else null. */
  demo?: string | null
  /** Durable journal writes (fdatasync); only benchmarks of other parts turn this off. */
  journalFsync?: boolean
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
  settings.onChange((s) => events.emit('settings:changed', s))

  let provisioning: ProvisioningOutcome | null = null
  const terminalState = (): TerminalState => ({
    connection: pairing.connection(),
    manager: manager.view(),
    provisioning,
  })
  let wasPaired = false
  const publishTerminal = () => {
    events.emit('terminal:changed', terminalState())
    const paired = pairing.connection().status === 'paired'
    if (paired !== wasPaired) {
      wasPaired = paired
      if (paired)
        void cashier.resume().catch((err: unknown) => log.error('sales.resume-failed', { err }))
      else cashier.stop()
    }
  }

  const manager = createManagerLock({ vault, log, now, onChange: publishTerminal })
  const pairing = createPairingService({
    vault,
    settings,
    log,
    now,
    onChange: publishTerminal,
    pollIntervalMs: deps.pairingPollMs,
    makeClient:
      deps.makeClient ??
      ((o) => new LegacyClient({ baseUrl: o.baseUrl, identity: o.identity, token: o.token, log })),
  })

  const journal = createJournal({
    dir: join(deps.dataDir, 'journal'),
    log,
    now,
    fsync: deps.journalFsync ?? true,
  })
  const cashier = createCashierService({
    journal,
    client: () => pairing.client(),
    settings,
    events,
    log,
    now,
    watch: watchInvoice,
    exportDir: join(deps.dataDir, 'exports'),
    watcherOptions: deps.watcherOptions,
  })
  const paymentRecords = createPaymentRecordStore({ dir: join(deps.dataDir, 'receipts'), log })
  const receipts = createReceiptService({
    journal,
    payments: paymentRecords,
    client: () => pairing.client(),
    settings,
    printer: createReceiptPrinter({
      settings: () => settings.get().receipts,
      systemPrint: deps.systemPrint ?? null,
      timeouts: deps.printTimeouts,
    }),
    log,
    onAutoPrint: (saleId, outcome) => events.emit('receipt:printed', { saleId, outcome }),
  })
  // Every sale change passes by the receipts: the first paid one keeps its details and may print.
  events.connect((channel, envelope) => {
    if (channel === 'sale:changed') receipts.saleChanged(envelope.data as SaleView)
  })
  const shiftStore = createShiftStore({ dir: join(deps.dataDir, 'shifts') })
  const shifts = createShiftService({
    store: shiftStore,
    journal,
    settings,
    methodOf: (saleId) => {
      const methods = new Set(paymentRecords.get(saleId)?.payments.map((p) => p.method))
      return methods.size === 1 ? [...methods][0]! : null
    },
    refunds: () => [],
    now,
    exportDir: join(deps.dataDir, 'exports'),
  })
  const simulateCustomer = createDemoCustomer(deps.demo ?? null)
  let started: Promise<void> | null = null
  /** Sales need the journal loaded; a request that arrives during start waits for it. */
  const afterStart =
    <I, O>(action: (input: I) => O | Promise<O>) =>
    async (input: I): Promise<O> => {
      if (!started) throw new AppError('internal', 'The terminal is still starting.')
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

  const handlers: Handlers = {
    'app:get-info': async () => ({
      name: deps.appName,
      version: deps.appVersion,
      host: deps.host,
      platform: platform(),
      dataDir: deps.dataDir,
      startedAt,
      demo: Boolean(deps.demo),
    }),
    'settings:get': async () => settings.get(),
    'settings:update': asManager(async (patch) => settings.update(patch)),
    'terminal:get-state': async () => terminalState(),
    'terminal:retry-keychain': thenState(() => pairing.retryKeychain()),
    'pairing:with-code': asManager(thenState((input) => pairing.pairWithCode(input))),
    'pairing:request-code': asManager(thenState((input) => pairing.requestCode(input))),
    'pairing:with-public-key': asManager(thenState((input) => pairing.pairWithPublicKey(input))),
    'pairing:cancel': asManager(thenState(() => pairing.cancel())),
    'pairing:test-connection': async () => pairing.testConnection(),
    'pairing:unpair': asManager(thenState(() => pairing.unpair())),
    'pairing:rotate-key': asManager(thenState(() => pairing.rotateKey())),
    'manager:unlock': thenState(({ pin }) => manager.unlock(pin)),
    'manager:lock': thenState(() => manager.lock()),
    'manager:set-pin': asManager(thenState(({ pin }) => manager.setPin(pin))),
    'sales:charge': afterStart((input) => cashier.charge(input)),
    'sales:open': afterStart(({ saleId }) => cashier.open(saleId)),
    'sales:cancel': afterStart(({ saleId }) => cashier.cancel(saleId)),
    'sales:list': afterStart((input) => cashier.list(input)),
    'sales:totals': afterStart((range) => cashier.totals(range)),
    'sales:export-csv': afterStart((range) => cashier.exportCsv(range)),
    'receipts:preview': afterStart(({ saleId }) => receipts.preview(saleId)),
    'receipts:print': afterStart(({ saleId }) => receipts.print(saleId)),
    'receipts:reprint': afterStart(({ saleId }) => receipts.reprint(saleId)),
    'shifts:current': afterStart(() => shifts.current()),
    'shifts:open': afterStart((input) => shifts.open(input)),
    'shifts:close': asManager(afterStart(() => shifts.close())),
    'shifts:report': afterStart((period) => shifts.report(period)),
    'shifts:export-csv': afterStart((period) => shifts.exportCsv(period)),
    'demo:simulate': ({ invoiceId, action }) => simulateCustomer(invoiceId, action),
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
    if (!settings.get().terminalId) settings.setCoreFields({ terminalId: newTerminalId() })
    await journal.load()
    paymentRecords.load()
    shiftStore.load()
    try {
      await manager.load()
    } catch (err) {
      log.warn('manager.load-failed', { err })
    }
    await pairing.start()
    const dropped = join(deps.dataDir, PROVISIONING_FILE_NAME)
    const file = deps.provisionFile ?? (existsSync(dropped) ? dropped : null)
    if (file && pairing.connection().status !== 'keychain-unavailable') {
      provisioning = await applyProvisioning({
        file,
        deleteAfterUse: file === dropped,
        pairing,
        settings,
        manager,
        log,
        now,
      })
      publishTerminal()
    }
  }

  return {
    handlers,
    events,
    settings,
    pairing,
    cashier,
    receipts,
    shifts,
    log,
    start,
    async stop() {
      pairing.stop()
      cashier.stop()
      await journal.close()
    },
  }
}
export type Core = ReturnType<typeof createCore>
