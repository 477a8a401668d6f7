// Test support for the payment watcher tests: a paired LegacyClient against the BTCPay test
// server, a fetchInvoice wrapper that counts requests and concurrency, and condition waits.
import type { TestServer } from '../../../e2e/btcpay-test-server'
import { LegacyClient } from '../btcpay/legacy-client'
import type { LegacyInvoice } from '../btcpay/legacy-models'
import { loadOrCreateIdentity } from '../identity/identity'
import { createMemoryVaultForTests } from '../keychain/memory-vault.testutil'
import type { WatchConnection } from './invoice-watcher'
import type { PaymentStatus } from './payment-status'

export async function pairedClient(
  server: TestServer,
  options: { timeoutMs?: number } = {},
): Promise<LegacyClient> {
  const identity = await loadOrCreateIdentity(createMemoryVaultForTests())
  const { pairingCode } = server.control.createPairingCode()
  const { token } = await new LegacyClient({ baseUrl: server.url, identity }).completePairing({
    pairingCode,
  })
  // No client-side retries: the watcher's own polling path is what is under test.
  return new LegacyClient({
    baseUrl: server.url,
    identity,
    token,
    retry: { limit: 0 },
    timeoutMs: options.timeoutMs ?? 2000,
  })
}

let orderSeq = 0
export async function newInvoice(
  client: LegacyClient,
  extra: { expirationTime?: number; price?: string } = {},
): Promise<LegacyInvoice> {
  return client.createInvoice({
    price: extra.price ?? '10',
    currency: 'USD',
    orderId: `watch-test-${++orderSeq}`,
    ...(extra.expirationTime === undefined ? {} : { expirationTime: extra.expirationTime }),
  })
}

/** What a watcher reported, and how its fetches went. */
export function recorder(client: LegacyClient) {
  const r = {
    statuses: [] as PaymentStatus[],
    connections: [] as WatchConnection[],
    fetches: 0,
    inFlight: 0,
    maxInFlight: 0,
    get phases() {
      return r.statuses.map((s) => s.phase)
    },
    get last(): PaymentStatus | undefined {
      return r.statuses[r.statuses.length - 1]
    },
    get connection(): WatchConnection | undefined {
      return r.connections[r.connections.length - 1]
    },
    fetchInvoice: async (id: string): Promise<LegacyInvoice> => {
      r.fetches++
      r.inFlight++
      r.maxInFlight = Math.max(r.maxInFlight, r.inFlight)
      try {
        return await client.getInvoice(id)
      } finally {
        r.inFlight--
      }
    },
    onStatus: (s: PaymentStatus) => {
      r.statuses.push(s)
    },
    onConnection: (c: WatchConnection) => {
      r.connections.push(c)
    },
  }
  return r
}

export { waitFor } from '../core/wait-for.testutil'

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Sats as a BTC decimal string without trailing zeros, like BTCPay prints amounts. */
export function satsToBtc(sats: bigint | string): string {
  const s = BigInt(sats)
  const whole = s / 100_000_000n
  const fraction = (s % 100_000_000n).toString().padStart(8, '0').replace(/0+$/, '')
  return fraction === '' ? whole.toString() : `${whole}.${fraction}`
}

/** Short intervals so the tests run in well under a second each. */
export const FAST = {
  pollIntervalMs: 40,
  maxPollIntervalMs: 160,
  reconnectIntervalMs: 40,
  maxReconnectIntervalMs: 160,
  expiredPollIntervalMs: 40,
} as const
