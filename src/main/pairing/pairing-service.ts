import { AppError, explained } from '../../shared/ipc/result'
import { say, type SentenceId } from '../../shared/ipc/sentence'
import { wordsOf } from '../ipc/app-errors'
import type { Connection } from '../../shared/terminal-state'
import type { LegacyClient } from '../btcpay/legacy-client'
import { parseServerUrl } from '../btcpay/server-url'
import { toAppError } from '../btcpay/to-app-error'
import { IdentityError, loadOrCreateIdentity, type Identity } from '../identity/identity'
import { KeychainError, type KeyVault } from '../keychain/key-vault'
import type { Logger } from '../log/logger'
import type { SettingsStore } from '../settings/settings-store'

export const TOKEN_ACCOUNT = 'btcpay-legacy-token'
/** BTCPay's pairing codes live 15 minutes; a public-key pairing is given as long. */
const PAIRING_WINDOW_MS = 15 * 60_000

export type ClientFactory = (opts: {
  baseUrl: string
  identity: Identity
  token: string | null
}) => LegacyClient

export type PairingDeps = {
  vault: KeyVault
  settings: SettingsStore
  log: Logger
  makeClient: ClientFactory
  now: () => number
  onChange: () => void
  pollIntervalMs?: number
}

/**
 * The terminal's link to its store: the BitId identity in the keychain, the three ways of pairing
 * (a code made in BTCPay, a code the terminal asks for, the public key pasted into BTCPay), and
 * unpairing and key rotation. Its state is what the manager screen shows.
 */
export function createPairingService(deps: PairingDeps) {
  const { vault, settings, log, now } = deps
  const pollIntervalMs = deps.pollIntervalMs ?? 2000
  let identity: Identity | null = null
  let token: string | null = null
  let connection: Connection = { status: 'starting' }
  let poll: { timer: ReturnType<typeof setTimeout> | null; generation: number } = {
    timer: null,
    generation: 0,
  }
  let busy = false
  /**
   * The client of the current pairing, made once: a charge asks for it twice and every watcher
   * on each look, and building one (URL checks, its HTTP transport) cost a charge 0.17 ms each time.
   */
  let made: { baseUrl: string; identity: Identity; token: string; client: LegacyClient } | null =
    null

  const set = (next: Connection) => {
    connection = next
    deps.onChange()
  }
  const identityView = (id: Identity) => ({ publicKeyHex: id.publicKeyHex, sin: id.sin })
  /** Unpaired, with the news of why (`id` its sentence) if there is any. */
  const unpaired = (notice: { id: SentenceId; text: string } | null) => {
    if (identity)
      set({
        status: 'unpaired',
        identity: identityView(identity),
        notice: notice?.text ?? null,
        ...(notice && { noticeWords: [say(notice.id)] }),
      })
  }

  function stopPolling() {
    if (poll.timer) clearTimeout(poll.timer)
    poll = { timer: null, generation: poll.generation + 1 }
  }

  async function loadIdentity(): Promise<void> {
    stopPolling()
    try {
      identity = await loadOrCreateIdentity(vault, { log })
    } catch (err) {
      identity = null
      if (err instanceof KeychainError) {
        set({ status: 'keychain-unavailable', reason: err.code, message: err.message })
        return
      }
      if (err instanceof IdentityError) {
        set({ status: 'identity-damaged', message: err.message })
        return
      }
      throw err
    }
    const paired = settings.get().pairedServer
    token = paired ? await vault.get(TOKEN_ACCOUNT) : null
    if (paired && token) {
      set({ status: 'paired', identity: identityView(identity), server: paired })
    } else {
      if (paired) settings.setCoreFields({ pairedServer: null })
      unpaired(
        paired
          ? {
              id: 'pairing.lost',
              text: 'The pairing was lost from the keychain. Pair the terminal again.',
            }
          : null,
      )
    }
  }

  function requireIdentity(): Identity {
    if (!identity) {
      throw new AppError(
        connection.status === 'identity-damaged' ? 'identity-damaged' : 'keychain-unavailable',
        connection.status === 'keychain-unavailable' || connection.status === 'identity-damaged'
          ? connection.message
          : 'The terminal is still starting.',
      )
    }
    return identity
  }

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

  /** One pairing action at a time: a double tap must not send two requests. */
  async function exclusive<T>(action: () => Promise<T>): Promise<T> {
    if (busy)
      throw explained(
        'pairing-in-progress',
        say('pairing.busy'),
        'The terminal is already talking to the server. Wait a moment.',
      )
    busy = true
    try {
      return await action()
    } catch (err) {
      throw toAppError(err)
    } finally {
      busy = false
    }
  }

  function requireUnpaired() {
    if (connection.status === 'paired') {
      throw explained(
        'already-paired',
        say('pairing.already-paired'),
        'This terminal is already paired. Unpair it first.',
      )
    }
  }

  async function completePairing(id: Identity, serverUrl: string, newToken: string, label: string) {
    stopPolling()
    await vault.set(TOKEN_ACCOUNT, newToken)
    token = newToken
    const server = { url: serverUrl, pairedAt: now(), label }
    settings.setCoreFields({ pairedServer: server })
    set({ status: 'paired', identity: identityView(id), server })
    log.info('pairing.done', { server: serverUrl, sin: id.sin })
  }

  /** Asks the server every few seconds whether the manager approved this key yet. */
  function startPolling(id: Identity, serverUrl: string, label: string, expiresAt: number) {
    const generation = poll.generation
    const client = deps.makeClient({ baseUrl: serverUrl, identity: id, token: null })
    const tick = async () => {
      if (generation !== poll.generation) return
      if (now() >= expiresAt) {
        stopPolling()
        unpaired({
          id: 'pairing.not-approved',
          text: 'The pairing was not approved in time. Start again for a new code.',
        })
        return
      }
      try {
        const approved = await client.getTokens()
        if (generation !== poll.generation) return
        if (approved) return await completePairing(id, serverUrl, approved, label)
        if (connection.status === 'pairing' && connection.pairing.pollError) {
          const { pollErrorWords: _gone, ...pairing } = connection.pairing
          set({ ...connection, pairing: { ...pairing, pollError: null } })
        }
      } catch (err) {
        if (generation !== poll.generation) return
        const message = err instanceof Error ? err.message : 'The server could not be reached.'
        if (connection.status === 'pairing')
          set({
            ...connection,
            pairing: {
              ...connection.pairing,
              pollError: message,
              pollErrorWords: wordsOf(toAppError(err)),
            },
          })
      }
      if (generation === poll.generation) poll.timer = setTimeout(() => void tick(), pollIntervalMs)
    }
    poll.timer = setTimeout(() => void tick(), pollIntervalMs)
  }

  /** What every way of pairing starts with: an identity, no pairing yet, a valid server address. */
  function beginPairing(input: { serverUrl: string; label?: string }) {
    const id = requireIdentity()
    requireUnpaired()
    const serverUrl = serverUrlOf(input.serverUrl)
    stopPolling()
    const label = input.label ?? settings.get().terminalLabel
    const client = deps.makeClient({ baseUrl: serverUrl, identity: id, token: null })
    return { id, serverUrl, label, client }
  }

  return {
    start: loadIdentity,
    connection: () => connection,
    async retryKeychain(): Promise<void> {
      if (connection.status === 'keychain-unavailable' || connection.status === 'starting')
        await loadIdentity()
    },

    /** Server-initiated: the manager made a code in BTCPay and typed it here. */
    pairWithCode(input: { serverUrl: string; pairingCode: string; label?: string }) {
      return exclusive(async () => {
        const { id, serverUrl, label, client } = beginPairing(input)
        const { token: newToken } = await client.completePairing({
          pairingCode: input.pairingCode,
          label,
        })
        await completePairing(id, serverUrl, newToken, label)
      })
    },

    /** Client-initiated: the terminal gets a code the manager approves on the server. */
    requestPairingCode(input: { serverUrl: string; label?: string }) {
      return exclusive(async () => {
        const { id, serverUrl, label, client } = beginPairing(input)
        const request = await client.requestPairing({ label })
        set({
          status: 'pairing',
          identity: identityView(id),
          pairing: {
            method: 'client-code',
            serverUrl,
            pairingCode: request.pairingCode,
            approvalUrl: request.approvalUrl,
            expiresAt: request.pairingExpiration,
            pollError: null,
          },
        })
        startPolling(id, serverUrl, label, request.pairingExpiration)
      })
    },

    /** Public key: the manager pastes the key into BTCPay's "Create token" form. */
    pairWithPublicKey(input: { serverUrl: string }) {
      return exclusive(async () => {
        const { id, serverUrl, label } = beginPairing(input)
        const expiresAt = now() + PAIRING_WINDOW_MS
        set({
          status: 'pairing',
          identity: identityView(id),
          pairing: {
            method: 'public-key',
            serverUrl,
            pairingCode: null,
            approvalUrl: null,
            expiresAt,
            pollError: null,
          },
        })
        startPolling(id, serverUrl, label, expiresAt)
      })
    },

    cancelPairing(): void {
      if (connection.status !== 'pairing') return
      stopPolling()
      unpaired({ id: 'pairing.cancelled', text: 'Pairing cancelled.' })
    },

    /** A paired client for the rest of the core, or a clear error. */
    client(): LegacyClient {
      const id = requireIdentity()
      const server = settings.get().pairedServer
      if (connection.status !== 'paired' || !server || !token) {
        throw explained(
          'not-paired',
          say('pairing.not-paired'),
          'This terminal is not paired with a store yet. A manager must pair it first.',
        )
      }
      if (made?.baseUrl !== server.url || made.identity !== id || made.token !== token) {
        made = {
          baseUrl: server.url,
          identity: id,
          token,
          client: deps.makeClient({ baseUrl: server.url, identity: id, token }),
        }
      }
      return made.client
    },

    /** A signed GET /invoices: proves the server, the signature and the store pairing all work. */
    async testConnection(): Promise<{ latencyMs: number; invoicesSeen: number }> {
      const client = this.client()
      const started = performance.now()
      try {
        const invoices = await client.listInvoices({ limit: 1 })
        return { latencyMs: Math.round(performance.now() - started), invoicesSeen: invoices.length }
      } catch (err) {
        throw toAppError(err)
      }
    },

    /** Forgets the token and the key: the next pairing starts from a new identity. */
    unpair() {
      return exclusive(async () => {
        const id = requireIdentity()
        stopPolling()
        await vault.delete(TOKEN_ACCOUNT)
        token = null
        settings.setCoreFields({ pairedServer: null })
        await id.forget()
        identity = null
        await loadIdentity()
        log.info('pairing.unpaired')
        if (identity)
          unpaired({
            id: 'pairing.unpaired',
            text: 'Unpaired. This terminal has a new key and can be paired again.',
          })
      })
    },

    /** New key in the keychain; the old pairing no longer works, so it is dropped too. */
    rotateKey() {
      return exclusive(async () => {
        const id = requireIdentity()
        stopPolling()
        await id.rotate()
        await vault.delete(TOKEN_ACCOUNT)
        token = null
        settings.setCoreFields({ pairedServer: null })
        unpaired({
          id: 'pairing.new-key',
          text: 'New key created. Pair the terminal with the store again.',
        })
      })
    },

    stop: stopPolling,
  }
}
export type PairingService = ReturnType<typeof createPairingService>
