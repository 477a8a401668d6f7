import { existsSync } from 'node:fs'
import { platform } from 'node:os'
import { join } from 'node:path'
import type { AppInfo } from '../../shared/ipc/contract'
import type { TerminalState } from '../../shared/terminal-state'
import { LegacyClient } from '../btcpay/legacy-client'
import type { Handlers } from '../ipc/dispatcher'
import { createEventHub } from '../ipc/event-hub'
import type { KeyVault } from '../keychain/key-vault'
import type { Logger } from '../log/logger'
import { createManagerLock } from '../manager/manager-lock'
import { createPairingService, type ClientFactory } from '../pairing/pairing-service'
import { applyProvisioning, type ProvisioningOutcome } from '../provisioning/apply-provisioning'
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
  const publishTerminal = () => events.emit('terminal:changed', terminalState())

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
  }

  /** Loads the identity from the keychain, then applies a provisioning file if there is one. */
  async function start(): Promise<void> {
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

  return { handlers, events, settings, pairing, log, start, stop: () => pairing.stop() }
}
export type Core = ReturnType<typeof createCore>
