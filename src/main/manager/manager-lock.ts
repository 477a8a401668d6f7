import { AppError } from '../../shared/ipc/result'
import type { KeyVault } from '../keychain/key-vault'
import type { Logger } from '../log/logger'
import { hashPin, verifyPin } from './pin-hash'

export const MANAGER_PIN_ACCOUNT = 'manager-pin-hash'
/** A manager who walks away leaves the till locked again after this long. */
const UNLOCK_MS = 10 * 60_000
/** After this many wrong PINs in a row, further tries wait. */
const MAX_TRIES = 5
const BACKOFF_MS = 30_000

/**
 * Guards the manager's actions (pairing, settings) behind a PIN, when one is set. The check lives
 * in main: a renderer that skipped the PIN screen would still be refused. The PIN hash is kept in
 * the keychain, not in the settings file.
 */
export function createManagerLock(deps: {
  vault: KeyVault
  log: Logger
  now: () => number
  onChange: () => void
}) {
  let pinHash: string | null = null
  let unlockedUntil = 0
  let failures = 0
  let retryAfter = 0

  const isUnlocked = () => pinHash === null || deps.now() < unlockedUntil

  return {
    async load(): Promise<void> {
      pinHash = await deps.vault.get(MANAGER_PIN_ACCOUNT)
    },
    view: () => ({ pinSet: pinHash !== null, unlocked: isUnlocked() }),
    /** Throws unless no PIN is set or the manager unlocked recently. */
    require(): void {
      if (!isUnlocked()) throw new AppError('manager-locked', 'Enter the manager PIN to do this.')
    },
    async unlockManager(pin: string): Promise<void> {
      if (pinHash === null) return
      if (deps.now() < retryAfter) {
        const seconds = Math.ceil((retryAfter - deps.now()) / 1000)
        throw new AppError(
          'manager-locked',
          `Too many wrong PINs. Try again in ${seconds} seconds.`,
        )
      }
      if (!(await verifyPin(pin, pinHash))) {
        failures += 1
        deps.log.warn('manager.pin-wrong', { failures })
        if (failures >= MAX_TRIES) {
          retryAfter = deps.now() + BACKOFF_MS
          failures = 0
        }
        throw new AppError('manager-locked', 'That PIN is not right.')
      }
      failures = 0
      unlockedUntil = deps.now() + UNLOCK_MS
      deps.onChange()
    },
    lockManager(): void {
      unlockedUntil = 0
      deps.onChange()
    },
    /** Stores an already-made hash (provisioning) or clears the PIN. */
    async setHash(hash: string | null): Promise<void> {
      if (hash === null) await deps.vault.delete(MANAGER_PIN_ACCOUNT)
      else await deps.vault.set(MANAGER_PIN_ACCOUNT, hash)
      pinHash = hash
      deps.onChange()
    },
    async setManagerPin(pin: string | null): Promise<void> {
      await this.setHash(pin === null ? null : await hashPin(pin))
      if (pin !== null) unlockedUntil = deps.now() + UNLOCK_MS
    },
  }
}
export type ManagerLock = ReturnType<typeof createManagerLock>
