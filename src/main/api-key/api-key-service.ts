import { z } from 'zod'
import type { ApiKeyView } from '../../shared/api-key'
import type { ConnectionTest } from '../../shared/terminal-state'
import { AppError, explained } from '../../shared/ipc/result'
import { say } from '../../shared/ipc/sentence'
import { BtcpayError } from '../btcpay/errors'
import { GreenfieldClient } from '../btcpay/greenfield-client'
import { scopedStores } from '../btcpay/greenfield-permissions'
import { parseServerUrl } from '../btcpay/server-url'
import { toAppError } from '../btcpay/to-app-error'
import { wordsOf } from '../ipc/app-errors'
import { KeychainError, type KeyVault } from '../keychain/key-vault'
import type { Logger } from '../log/logger'
import { buildAuthorizeUrl } from './authorize-url'
import {
  CallbackClosedError,
  startCallbackListener,
  type CallbackListener,
  type CallbackListenerOptions,
} from './callback-listener'
import { capabilitiesOf, mayCharge } from './capabilities'

/** The keychain entry: the key and what it was checked to be, one JSON secret. */
export const API_KEY_ACCOUNT = 'btcpay-greenfield-api-key'

const storedKeySchema = z.strictObject({
  serverUrl: z.string(),
  apiKey: z.string(),
  storeId: z.string(),
  label: z.string().nullable(),
  permissions: z.array(z.string()),
})
type StoredKey = z.infer<typeof storedKeySchema>
type Checked = Omit<StoredKey, 'storeId'> & { stores: string[] }

export type GreenfieldClientFactory = (o: {
  baseUrl: string
  apiKey: string
  storeId: string | null
}) => GreenfieldClient

export type ApiKeyDeps = {
  vault: KeyVault
  log: Logger
  onChange: () => void
  /** Open a link in the system browser; resolves false where there is none (browser host). */
  openExternal?: (url: string) => Promise<boolean>
  makeClient?: GreenfieldClientFactory
  listener?: CallbackListenerOptions
}

const REVOKE_BY_HAND =
  'Revoke it in BTCPay Server yourself: Account › Manage account › API Keys, the key named ' +
  '"BTCPay Cashier".'

/**
 * The terminal's Greenfield API key: authorized in the browser (BTCPay posts it to a one-shot
 * loopback listener) or pasted, checked with GET /api/v1/api-keys/current, bound to one store,
 * kept only in the keychain vault, revoked on removal. See README.md in this folder.
 */
export function createApiKeyService(deps: ApiKeyDeps) {
  const { vault, log } = deps
  const makeClient: GreenfieldClientFactory =
    deps.makeClient ?? ((o) => new GreenfieldClient({ ...o, log }))
  let stored: StoredKey | null = null
  let made: { key: StoredKey; client: GreenfieldClient } | null = null
  let pending: Checked | null = null
  let authorizing: { listener: CallbackListener; view: ApiKeyView['state'] } | null = null
  let notice: string | null = null

  function view(): ApiKeyView {
    if (authorizing) return { state: authorizing.view, notice }
    if (pending) {
      return {
        state: { status: 'choose-store', serverUrl: pending.serverUrl, stores: pending.stores },
        notice,
      }
    }
    if (stored) {
      return {
        state: {
          status: 'ready',
          serverUrl: stored.serverUrl,
          storeId: stored.storeId,
          label: stored.label,
          capabilities: capabilitiesOf(stored.permissions, stored.storeId),
        },
        notice,
      }
    }
    return { state: { status: 'none' }, notice }
  }

  const changed = () => deps.onChange()

  function serverUrlOf(input: string): string {
    const parsed = parseServerUrl(input)
    if (!parsed.ok)
      throw explained(
        'invalid-server-url',
        say('url.refused', { problem: parsed.code }),
        parsed.message,
      )
    return parsed.url
  }

  function stopAuthorizing(): void {
    const a = authorizing
    authorizing = null
    a?.listener.close()
  }

  /** Ask BTCPay what the key is; a key for one store is kept, otherwise the manager picks. */
  async function check(serverUrl: string, apiKey: string): Promise<void> {
    let info
    try {
      info = await makeClient({ baseUrl: serverUrl, apiKey, storeId: null }).getCurrentApiKey()
    } catch (err) {
      throw toAppError(err)
    }
    const checked = { serverUrl, apiKey, label: info.label, permissions: info.permissions }
    const stores = scopedStores(info.permissions)
    if (stores.length === 1 && stores[0]) return save({ ...checked, storeId: stores[0] })
    pending = { ...checked, stores }
    changed()
  }

  async function save(key: StoredKey): Promise<void> {
    try {
      await vault.set(API_KEY_ACCOUNT, JSON.stringify(key))
    } catch (err) {
      throw keychainAppError(err)
    }
    stored = key
    pending = null
    notice = null
    log.info('api-key.saved', { storeId: key.storeId, permissions: key.permissions })
    changed()
  }

  return {
    getApiKey: view,

    /** Reads the key from the vault at start; a failure is shown, never thrown. */
    async load(): Promise<void> {
      let text: string | null
      try {
        text = await vault.get(API_KEY_ACCOUNT)
      } catch (err) {
        log.warn('api-key.load-failed', { err })
        notice = err instanceof KeychainError ? err.message : String(err)
        return changed()
      }
      stored = text === null ? null : readStored(text)
      if (text !== null && !stored) {
        // Only the fact: the text is the secret, and a JSON error message would quote it.
        log.warn('api-key.load-failed', { reason: 'damaged record' })
        notice = 'The stored API key could not be read. Authorize the terminal again.'
      }
      changed()
    },

    /** Starts the browser round trip; the key arrives later through the listener. */
    async authorizeApiKey(input: { serverUrl: string }): Promise<ApiKeyView> {
      const serverUrl = serverUrlOf(input.serverUrl)
      stopAuthorizing()
      pending = null
      notice = null
      const listener = await startCallbackListener(deps.listener)
      const authorizeUrl = buildAuthorizeUrl(serverUrl, listener.redirectUrl)
      const opened = deps.openExternal
        ? await deps.openExternal(authorizeUrl).catch(() => false)
        : false
      const mine = {
        listener,
        view: {
          status: 'authorizing' as const,
          serverUrl,
          authorizeUrl,
          opened,
          expiresAt: listener.expiresAt,
        },
      }
      authorizing = mine
      listener.payload.then(
        async (payload) => {
          if (authorizing !== mine) return
          authorizing = null
          try {
            await check(serverUrl, payload.apiKey)
          } catch (err) {
            notice = `The key from the browser did not work: ${err instanceof Error ? err.message : String(err)}`
            changed()
          }
        },
        (err: unknown) => {
          if (authorizing !== mine || err instanceof CallbackClosedError) return
          authorizing = null
          notice = 'The authorization in the browser took too long. Start it again.'
          changed()
        },
      )
      changed()
      return view()
    },

    async pasteApiKey(input: { serverUrl: string; apiKey: string }): Promise<ApiKeyView> {
      const serverUrl = serverUrlOf(input.serverUrl)
      stopAuthorizing()
      pending = null
      notice = null
      await check(serverUrl, input.apiKey)
      return view()
    },

    async chooseApiKeyStore(input: { storeId: string }): Promise<ApiKeyView> {
      if (!pending)
        throw explained(
          'bad-input',
          say('api-key.none-waiting'),
          'There is no key waiting for a store.',
        )
      if (pending.stores.length > 0 && !pending.stores.includes(input.storeId)) {
        throw explained(
          'bad-input',
          say('api-key.wrong-store'),
          'The key does not work in that store.',
        )
      }
      const { stores: _stores, ...key } = pending
      await save({ ...key, storeId: input.storeId })
      return view()
    },

    async cancelApiKey(): Promise<ApiKeyView> {
      stopAuthorizing()
      pending = null
      changed()
      return view()
    },

    /** Revokes the key at BTCPay, then forgets it; offline it forgets and says to revoke by hand. */
    async removeApiKey(): Promise<ApiKeyView> {
      stopAuthorizing()
      pending = null
      const key = stored
      if (!key) {
        changed()
        return view()
      }
      try {
        await makeClient({
          baseUrl: key.serverUrl,
          apiKey: key.apiKey,
          storeId: null,
        }).revokeCurrentApiKey()
        notice = 'The API key was revoked in BTCPay Server and removed from this terminal.'
      } catch (err) {
        log.warn('api-key.revoke-failed', { err })
        notice =
          err instanceof BtcpayError && err.code === 'unauthorized'
            ? 'BTCPay Server no longer knew the API key (already revoked); it was removed from this terminal.'
            : `The API key was removed from this terminal, but BTCPay Server could not revoke it: ` +
              `${err instanceof Error ? err.message : String(err)} ${REVOKE_BY_HAND}`
      }
      try {
        await vault.delete(API_KEY_ACCOUNT)
      } catch (err) {
        throw keychainAppError(err)
      }
      stored = null
      changed()
      return view()
    },

    /** A client for the stored key and store, or null without a key. */
    client(): GreenfieldClient | null {
      if (!stored) return null
      // Made once per stored key, like the pairing's client (pairing-service.ts).
      if (made?.key !== stored) {
        made = {
          key: stored,
          client: makeClient({
            baseUrl: stored.serverUrl,
            apiKey: stored.apiKey,
            storeId: stored.storeId,
          }),
        }
      }
      return made.client
    },

    /**
     * Asks BTCPay what the stored key is now (GET /api/v1/api-keys/current) and what it may do in
     * the store the till uses; null without a key. Never throws: a failure is the answer.
     */
    async testApiKey(): Promise<ConnectionTest['greenfield']> {
      const key = stored
      if (!key) return null
      const started = performance.now()
      try {
        const info = await makeClient({
          baseUrl: key.serverUrl,
          apiKey: key.apiKey,
          storeId: null,
        }).getCurrentApiKey()
        const capabilities = capabilitiesOf(info.permissions, key.storeId)
        return {
          ok: true,
          latencyMs: Math.round(performance.now() - started),
          storeId: key.storeId,
          allowed: capabilities.filter((c) => c.missing.length === 0).map((c) => c.id),
          notAllowed: capabilities.filter((c) => c.missing.length > 0).map((c) => c.id),
        }
      } catch (err) {
        log.warn('api-key.test-failed', { err })
        const failure = toAppError(err)
        const message = failure instanceof Error ? failure.message : String(failure)
        return { ok: false, storeId: key.storeId, message, words: wordsOf(failure) }
      }
    },

    /** Whether the stored key may create and view invoices in its store. */
    mayCharge(): boolean {
      return stored !== null && mayCharge(stored.permissions, stored.storeId)
    },

    stop(): void {
      stopAuthorizing()
    },
  }
}
export type ApiKeyService = ReturnType<typeof createApiKeyService>

function readStored(text: string): StoredKey | null {
  try {
    const parsed = storedKeySchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

function keychainAppError(err: unknown): unknown {
  return err instanceof KeychainError ? new AppError('keychain-unavailable', err.message) : err
}
