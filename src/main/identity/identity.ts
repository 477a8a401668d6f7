/**
 * The terminal's BitId identity. The private key is read from (or created in) the KeyVault at
 * start, kept in this closure as bytes, and never leaves it: the object exposes only the public
 * key, the SIN and `signRequest`. `JSON.stringify` and `util.inspect` show just those two strings.
 */
import type { Logger } from '../log/logger'
import { silentLogger } from '../log/logger'
import type { KeyVault } from '../keychain/key-vault'
import { KeychainError } from '../keychain/key-vault'
import {
  compressedPublicKey,
  generateSecretKey,
  isValidSecretKeyHex,
  secretKeyFromHex,
  secretKeyToHex,
  signBitId,
  sinFromPublicKey,
} from './bitid'
import { bytesToHex } from '@noble/hashes/utils.js'
import type { BitIdAuthHeaders, RequestSigner } from './signer'

export const DEFAULT_IDENTITY_ACCOUNT = 'bitid-private-key'

export type IdentityErrorCode = 'stored-key-invalid' | 'forgotten' | 'vault-readback-failed'

export class IdentityError extends Error {
  override readonly name = 'IdentityError'
  readonly code: IdentityErrorCode
  constructor(code: IdentityErrorCode, message: string) {
    super(message)
    this.code = code
  }
}

export interface Identity extends RequestSigner {
  /** Compressed public key, lowercase hex (what BTCPay's "public key" pairing form accepts). */
  readonly publicKeyHex: string
  /** Base58Check SIN, 35 chars starting with "Tf". */
  readonly sin: string
  /** True when loadOrCreate generated a new key (the terminal must be paired). */
  readonly created: boolean
  signRequest(url: string, body: string): BitIdAuthHeaders
  /** Replace the key with a new one in the vault. Pairing is lost: the new SIN must be paired. */
  rotate(): Promise<void>
  /** Delete the key from the vault. Afterwards every member throws IdentityError('forgotten'). */
  forget(): Promise<void>
}

export interface IdentityOptions {
  /** Keychain account name. */
  account?: string
  log?: Logger
}

interface KeyState {
  secretKey: Uint8Array
  publicKeyHex: string
  sin: string
}

function derive(secretKey: Uint8Array): KeyState {
  const pub = compressedPublicKey(secretKey)
  return { secretKey, publicKeyHex: bytesToHex(pub), sin: sinFromPublicKey(pub) }
}

async function storeNewKey(vault: KeyVault, account: string): Promise<KeyState> {
  const secretKey = generateSecretKey()
  const hex = secretKeyToHex(secretKey)
  await vault.set(account, hex)
  // A locked keyring can accept nothing and still answer reads with null: make sure it stuck.
  if ((await vault.get(account)) !== hex) {
    throw new IdentityError(
      'vault-readback-failed',
      'The new signing key could not be read back from the system keychain. Check that the ' +
        'keychain is unlocked, then retry.',
    )
  }
  return derive(secretKey)
}

/**
 * Probe the vault, then load the key stored under `account` or create and store a new one.
 * Throws KeychainError when the keychain is unusable (nothing is created then), and
 * IdentityError('stored-key-invalid') when the stored entry is not a valid key: it is left alone,
 * not overwritten, so a manager can decide to reset the identity (forgetStoredIdentity) and re-pair.
 */
export async function loadOrCreateIdentity(
  vault: KeyVault,
  options: IdentityOptions = {},
): Promise<Identity> {
  const account = options.account ?? DEFAULT_IDENTITY_ACCOUNT
  const log = options.log ?? silentLogger

  // Probe first: a locked keyring answers get() with null, which must not lead to a new key.
  const status = await vault.probe()
  if (!status.ok) throw new KeychainError(status.reason, status.message)

  let state: KeyState | null
  let created = false
  const stored = await vault.get(account)
  if (stored === null) {
    state = await storeNewKey(vault, account)
    created = true
    log.info('identity.created', { sin: state.sin })
  } else if (isValidSecretKeyHex(stored)) {
    state = derive(secretKeyFromHex(stored))
    log.info('identity.loaded', { sin: state.sin })
  } else {
    log.error('identity.stored-key-invalid', { account })
    throw new IdentityError(
      'stored-key-invalid',
      'The signing key stored in the system keychain is damaged. Reset the terminal identity ' +
        'and pair the terminal with the store again.',
    )
  }

  const current = (): KeyState => {
    if (state === null) {
      throw new IdentityError(
        'forgotten',
        'The terminal identity was reset. Restart pairing to create a new one.',
      )
    }
    return state
  }

  const view = () => ({ publicKeyHex: state?.publicKeyHex ?? null, sin: state?.sin ?? null })

  const identity: Identity = {
    get publicKeyHex() {
      return current().publicKeyHex
    },
    get sin() {
      return current().sin
    },
    created,
    signRequest(url, body) {
      const s = current()
      return { 'x-identity': s.publicKeyHex, 'x-signature': signBitId(s.secretKey, url, body) }
    },
    async rotate() {
      const before = current().sin
      const next = await storeNewKey(vault, account)
      state?.secretKey.fill(0)
      state = next
      log.info('identity.rotated', { from: before, to: next.sin })
    },
    async forget() {
      const before = state?.sin
      await vault.delete(account)
      state?.secretKey.fill(0)
      state = null
      log.info('identity.forgotten', { sin: before })
    },
  }
  Object.defineProperties(identity, {
    toJSON: { value: view, enumerable: false },
    [Symbol.for('nodejs.util.inspect.custom')]: {
      value: () => `Identity ${JSON.stringify(view())}`,
      enumerable: false,
    },
  })
  return identity
}

/** Delete a stored identity without loading it (e.g. to recover from 'stored-key-invalid'). */
export async function forgetStoredIdentity(
  vault: KeyVault,
  options: IdentityOptions = {},
): Promise<boolean> {
  return vault.delete(options.account ?? DEFAULT_IDENTITY_ACCOUNT)
}
