import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startBtcpayTestServer } from '../../e2e/btcpay-test-server'
import { createMemoryVaultForTests } from '../../src/main/keychain/memory-vault.testutil'
import { makeTestCore } from '../../src/main/core/test-core.testutil'
import type { SaleView } from '../../src/shared/sale'
import { percentile, type Row } from './stats'

const POLL_MS = 1000

/**
 * Time from a payment on the server to the 'sale:changed' event leaving the core for the
 * renderer: once with the status websocket, once with websockets refused (polling).
 */
export async function benchStatusPush(rounds = 40): Promise<Row[]> {
  const server = await startBtcpayTestServer()
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-bench-status-'))
  const core = makeTestCore({
    dataDir,
    vault: createMemoryVaultForTests(),
    journalFsync: true,
    watcherOptions: { pollIntervalMs: POLL_MS, maxPollIntervalMs: POLL_MS },
  })
  try {
    await core.start()
    await core.pairing.pairWithCode({
      serverUrl: server.url,
      pairingCode: server.control.createPairingCode().pairingCode,
    })
    const waiters = new Map<string, (t: number) => void>()
    core.events.connect((channel, envelope) => {
      const sale = envelope.data as SaleView
      if (channel === 'sale:changed' && sale.phase === 'paid')
        waiters.get(sale.id)?.(performance.now())
    })

    const measure = async () => {
      const sale = await core.handlers['sales:charge']({ amount: '5' })
      // Let the watcher settle on its transport before the payment.
      await new Promise((r) => setTimeout(r, 150))
      const arrived = new Promise<number>((done) => waiters.set(sale.id, done))
      const t0 = performance.now()
      server.control.pay(sale.invoiceId!)
      const t1 = await Promise.race([
        arrived,
        new Promise<number>((r) => setTimeout(() => r(Number.NaN), 15_000)),
      ])
      waiters.delete(sale.id)
      return t1 - t0
    }

    const socket: number[] = []
    for (let i = 0; i < rounds; i++) socket.push(await measure())
    server.control.addFault({ kind: 'ws-refuse' })
    const polling: number[] = []
    for (let i = 0; i < Math.ceil(rounds / 4); i++) polling.push(await measure())

    const ws95 = percentile(socket, 95)
    const poll95 = percentile(polling, 95)
    return [
      {
        measure: 'Status push, websocket path, p95',
        value: `${ws95.toFixed(1)} ms`,
        target: '<= 250 ms',
        ok: ws95 <= 250,
      },
      {
        measure: `Status push, polling path (interval ${POLL_MS} ms), p95`,
        value: `${poll95.toFixed(0)} ms`,
        target: `<= ${POLL_MS} ms`,
        ok: poll95 <= POLL_MS,
      },
    ]
  } finally {
    await core.stop()
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
