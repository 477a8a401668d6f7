/**
 * KeyVault on the OS keychain through keytar (libsecret / Secret Service on Linux). keytar is
 * imported lazily, on first use, so importing this module never loads the native addon; where
 * libsecret is missing, probe() reports it instead of the process crashing at start-up.
 */
import { randomBytes } from 'node:crypto'
import type { Logger } from '../log/logger'
import { silentLogger } from '../log/logger'
import type { KeychainStatus, KeyVault } from './key-vault'
import { KeychainError } from './key-vault'
import { classifyKeychainError, errorText, keychainMessage } from './keychain-errors'

export const DEFAULT_KEYCHAIN_SERVICE = 'btcpay-cashier'
export const PROBE_ACCOUNT = 'keychain-probe-canary'

/** The part of keytar we use. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

export interface KeytarVaultOptions {
  /** Keychain service name; tests pass a unique one. */
  service?: string
  log?: Logger
  /** Defaults to `process.platform`; only changes the wording of messages. */
  platform?: string
  /** How long probe() waits for the keychain (an unlock prompt may be open). Default 60 s. */
  probeTimeoutMs?: number
  /** Defaults to a dynamic `import('keytar')`. */
  loadKeytar?: () => Promise<KeytarApi>
}

async function importKeytar(): Promise<KeytarApi> {
  const mod = (await import('keytar')) as unknown as { default?: KeytarApi } & Partial<KeytarApi>
  return mod.default ?? (mod as KeytarApi)
}

class ProbeTimeout extends Error {}

export function createKeytarVault(options: KeytarVaultOptions = {}): KeyVault {
  const service = options.service ?? DEFAULT_KEYCHAIN_SERVICE
  const log = options.log ?? silentLogger
  const platform = options.platform ?? process.platform
  const probeTimeoutMs = options.probeTimeoutMs ?? 60_000
  const load = options.loadKeytar ?? importKeytar
  let keytar: Promise<KeytarApi> | undefined

  const toKeychainError = (err: unknown, op: string): KeychainError => {
    if (err instanceof KeychainError) return err
    const reason = classifyKeychainError(err)
    const detail = errorText(err)
    log.warn('keychain.failed', { op, reason, detail })
    return new KeychainError(reason, keychainMessage(reason, platform), detail)
  }

  const run = async <T>(op: string, fn: (k: KeytarApi) => Promise<T>): Promise<T> => {
    try {
      keytar ??= load()
      const k = await keytar.catch((err: unknown) => {
        keytar = undefined // let a later call retry the load (e.g. after installing libsecret)
        throw err
      })
      return await fn(k)
    } catch (err) {
      throw toKeychainError(err, op)
    }
  }

  const vault: KeyVault = {
    get: (account) => run('get', (k) => k.getPassword(service, account)),
    set: (account, secret) => run('set', (k) => k.setPassword(service, account, secret)),
    delete: (account) => run('delete', (k) => k.deletePassword(service, account)),

    async probe(): Promise<KeychainStatus> {
      const canary = randomBytes(16).toString('hex')
      const steps = async (): Promise<KeychainStatus> => {
        await vault.set(PROBE_ACCOUNT, canary)
        const back = await vault.get(PROBE_ACCOUNT)
        await vault.delete(PROBE_ACCOUNT)
        if (back !== canary) {
          log.warn('keychain.probe-mismatch', { gotValue: back !== null })
          return { ok: false, reason: 'error', message: keychainMessage('error', platform) }
        }
        return { ok: true }
      }
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ProbeTimeout()), probeTimeoutMs)
      })
      try {
        const status = await Promise.race([steps(), timeout])
        log.info('keychain.probe', { ok: true, service })
        return status
      } catch (err) {
        if (err instanceof ProbeTimeout) {
          // Almost always an unlock prompt nobody answered.
          log.warn('keychain.probe-timeout', { ms: probeTimeoutMs })
          return { ok: false, reason: 'locked', message: keychainMessage('locked', platform) }
        }
        const e = toKeychainError(err, 'probe')
        log.warn('keychain.probe', { ok: false, reason: e.code })
        return e.toStatus()
      } finally {
        clearTimeout(timer)
      }
    },
  }
  return vault
}
