/**
 * TEST DOUBLE. An in-memory KeyVault for unit tests of modules that take a vault. It never
 * persists anything and must not be wired into the app (there is no plaintext fallback).
 */
import type { KeychainStatus, KeyVault } from './key-vault'
import { KeychainError } from './key-vault'

export interface MemoryVaultForTests extends KeyVault {
  /** The raw entries, for assertions. */
  readonly entries: Map<string, string>
  /** Make every call fail as if the keychain were unavailable (null = healthy again). */
  fail(status: Extract<KeychainStatus, { ok: false }> | null): void
}

export function createMemoryVaultForTests(): MemoryVaultForTests {
  const entries = new Map<string, string>()
  let failure: Extract<KeychainStatus, { ok: false }> | null = null
  const check = (): void => {
    if (failure) throw new KeychainError(failure.reason, failure.message)
  }
  return {
    entries,
    fail(status) {
      failure = status
    },
    async probe() {
      return failure ?? { ok: true }
    },
    async get(account) {
      check()
      return entries.get(account) ?? null
    },
    async set(account, secret) {
      check()
      entries.set(account, secret)
    },
    async delete(account) {
      check()
      return entries.delete(account)
    },
  }
}
