import { AppError, explained } from '../../shared/ipc/result'
import { say } from '../../shared/ipc/sentence'
import type { KeyVault } from '../keychain/key-vault'
import type { Logger } from '../log/logger'
import { createPinAttemptsFile, type PinAttempts } from './pin-attempts'
import { hashPin, isWeakerThanCurrent, verifyPin } from './pin-hash'

export const MANAGER_PIN_ACCOUNT = 'manager-pin-hash'
/** A manager who walks away leaves the till locked again after this long. */
const UNLOCK_MS = 10 * 60_000
/** Wrong PINs allowed in a row before each further one waits. */
const FREE_TRIES = 5
/** The wait after the 5th, 6th, 7th and any later wrong PIN in a row. */
const WAITS_MS = [30_000, 60_000, 5 * 60_000, 15 * 60_000]
const LONGEST_WAIT_MS = WAITS_MS[WAITS_MS.length - 1] ?? 0

const pinUnreadable = () =>
  explained(
    'manager-locked',
    say('manager.pin-unreadable'),
    'The manager PIN cannot be read from the keychain. Unlock the keychain and try again.',
  )

/**
 * What the lock knows about the PIN. `unknown` until the keychain answered, and again when it
 * could not be read: both are treated as a PIN that is set and not entered (fail closed).
 */
type PinState =
  { kind: 'unknown' } | { kind: 'unreadable' } | { kind: 'none' } | { kind: 'set'; hash: string }

/**
 * Guards the manager's actions (pairing, settings, kiosk) behind a PIN, when one is set. The
 * check lives in main: a renderer that skipped the PIN screen would still be refused. The PIN
 * hash is kept in the keychain, not in the settings file.
 *
 * Guessing is slowed three ways: one check at a time (the rest are refused at once, so parallel
 * requests cannot all slip past the wait while the slow hash runs), the failure is counted and
 * written down before the hash is checked, and after FREE_TRIES wrong PINs each try waits longer.
 */
export function createManagerLock(deps: {
  vault: KeyVault
  log: Logger
  now: () => number
  onChange: () => void
  /** Where the wrong-PIN count survives a restart (in the data folder). */
  attemptsFile: string
}) {
  let pin: PinState = { kind: 'unknown' }
  let unlockedUntil = 0
  let checking = false
  const attemptsFile = createPinAttemptsFile({
    path: deps.attemptsFile,
    log: deps.log,
    worstCase: () => ({
      failures: FREE_TRIES + WAITS_MS.length,
      retryAfter: deps.now() + LONGEST_WAIT_MS,
    }),
  })
  let attempts: PinAttempts = attemptsFile.read()

  const isUnlocked = () => pin.kind === 'none' || (pin.kind === 'set' && deps.now() < unlockedUntil)

  const refuseWhileWaiting = () => {
    if (deps.now() >= attempts.retryAfter) return
    const seconds = Math.ceil((attempts.retryAfter - deps.now()) / 1000)
    throw explained(
      'manager-locked',
      say('manager.wait', { seconds }),
      `Too many wrong PINs. Try again in ${seconds} seconds.`,
    )
  }

  /** Counts a failure before the hash is checked: a crash or a restart mid-check still counts it. */
  const recordFailure = async () => {
    const failures = attempts.failures + 1
    const wait =
      failures >= FREE_TRIES
        ? (WAITS_MS[Math.min(failures - FREE_TRIES, WAITS_MS.length - 1)] ?? 0)
        : 0
    attempts = { failures, retryAfter: wait > 0 ? deps.now() + wait : 0 }
    await attemptsFile.write(attempts)
  }

  async function check(entered: string, hash: string): Promise<void> {
    refuseWhileWaiting()
    const before = attempts
    await recordFailure()
    if (!(await verifyPin(entered, hash))) {
      deps.log.warn('manager.pin-wrong', { failures: attempts.failures })
      throw explained('manager-locked', say('manager.wrong-pin'), 'That PIN is not right.')
    }
    attempts = { failures: 0, retryAfter: 0 }
    await attemptsFile.write(attempts).catch((err: unknown) => {
      attempts = before
      throw err
    })
    if (isWeakerThanCurrent(hash)) await rehash(entered)
    unlockedUntil = deps.now() + UNLOCK_MS
    deps.onChange()
  }

  /** An old hash (weaker scrypt cost) is replaced with today's after a good PIN. */
  async function rehash(entered: string): Promise<void> {
    try {
      const stronger = await hashPin(entered)
      await deps.vault.set(MANAGER_PIN_ACCOUNT, stronger)
      pin = { kind: 'set', hash: stronger }
      deps.log.info('manager.pin-rehashed')
    } catch (err) {
      deps.log.warn('manager.pin-rehash-failed', { err })
    }
  }

  return {
    /**
     * Reads the PIN hash. A keychain that fails, or that is locked (a locked GNOME keyring answers
     * reads with null, as if there were no PIN), leaves the lock closed and says so.
     */
    async load(): Promise<void> {
      const status = await deps.vault.probe()
      try {
        if (!status.ok) throw new Error(status.message)
        const hash = await deps.vault.get(MANAGER_PIN_ACCOUNT)
        pin = hash === null ? { kind: 'none' } : { kind: 'set', hash }
      } catch (err) {
        deps.log.error('manager.pin-unreadable', { err })
        pin = { kind: 'unreadable' }
      }
      deps.onChange()
    },
    view: () => ({
      pinSet: pin.kind !== 'none',
      unlocked: isUnlocked(),
      pinUnreadable: pin.kind === 'unreadable',
    }),
    /** Throws unless no PIN is set or the manager unlocked recently. */
    require(): void {
      if (pin.kind === 'unreadable') throw pinUnreadable()
      if (!isUnlocked())
        throw explained(
          'manager-locked',
          say('manager.pin-needed'),
          'Enter the manager PIN to do this.',
        )
    },
    async unlockManager(entered: string): Promise<void> {
      if (pin.kind === 'none') return
      if (pin.kind !== 'set')
        throw pin.kind === 'unknown'
          ? explained('manager-locked', say('manager.starting'), 'The terminal is still starting.')
          : pinUnreadable()
      if (checking)
        throw explained(
          'manager-locked',
          say('manager.pin-checking'),
          'A PIN is being checked. Try again in a moment.',
        )
      checking = true
      try {
        await check(entered, pin.hash)
      } finally {
        checking = false
      }
    },
    lockManager(): void {
      unlockedUntil = 0
      deps.onChange()
    },
    /**
     * Stores an already-made hash (provisioning) or clears the PIN. `stayUnlocked`: whoever set it
     * stays in, and the screens hear so in the same change (never a "locked" in between).
     */
    async setHash(hash: string | null, opts: { stayUnlocked?: boolean } = {}): Promise<void> {
      if (pin.kind === 'unknown' || pin.kind === 'unreadable') throw pinUnreadable()
      if (hash === null) await deps.vault.delete(MANAGER_PIN_ACCOUNT)
      else await deps.vault.set(MANAGER_PIN_ACCOUNT, hash)
      pin = hash === null ? { kind: 'none' } : { kind: 'set', hash }
      if (hash !== null && opts.stayUnlocked) unlockedUntil = deps.now() + UNLOCK_MS
      deps.onChange()
    },
    /**
     * Sets, changes or (null) removes the PIN. Changing or removing one needs the current PIN,
     * checked like an unlock (same count of wrong tries and waits), so a till left unlocked
     * cannot have its PIN taken over.
     */
    async setManagerPin(entered: string | null, current?: string): Promise<void> {
      if (pin.kind === 'set') {
        if (current === undefined)
          throw explained(
            'manager-locked',
            say('manager.current-pin-first'),
            'Enter the current PIN first.',
            'currentPin',
          )
        try {
          await this.unlockManager(current)
        } catch (err) {
          if (err instanceof AppError)
            throw new AppError(err.code, err.message, 'currentPin', undefined, err.words)
          throw err
        }
      }
      await this.setHash(entered === null ? null : await hashPin(entered), { stayUnlocked: true })
    },
  }
}
export type ManagerLock = ReturnType<typeof createManagerLock>
