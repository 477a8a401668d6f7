/**
 * Where main keeps secrets (the BitId private key, later the Greenfield API key). Implementations:
 * keytar-vault.ts (the OS keychain) and memory-vault.ts (a test double). There is no plaintext
 * fallback: when the keychain is unusable the app says so and stops.
 */

export type KeychainUnavailableReason = 'no-secret-service' | 'locked' | 'error'

export type KeychainStatus =
  | { ok: true }
  | {
      ok: false
      reason: KeychainUnavailableReason
      /** What is wrong and how to fix it, for the shop manager. */
      message: string
    }

export interface KeyVault {
  /** Write, read back and delete a canary entry. Never throws. */
  probe(): Promise<KeychainStatus>
  /** The stored secret, or null when there is none. Throws KeychainError when the keychain fails. */
  get(account: string): Promise<string | null>
  /** Create or replace. Throws KeychainError. */
  set(account: string, secret: string): Promise<void>
  /** True when an entry was deleted. Throws KeychainError. */
  delete(account: string): Promise<boolean>
}

/** A keychain failure. `message` is the human text; `detail` is the backend's own text (no secrets). */
export class KeychainError extends Error {
  override readonly name = 'KeychainError'
  readonly code: KeychainUnavailableReason
  readonly detail: string | undefined

  constructor(code: KeychainUnavailableReason, message: string, detail?: string) {
    super(message)
    this.code = code
    this.detail = detail
  }

  toStatus(): KeychainStatus {
    return { ok: false, reason: this.code, message: this.message }
  }
}
