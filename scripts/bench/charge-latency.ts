import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import Conf from 'conf'
import { LegacyClient, serializeInvoiceBody } from '../../src/main/btcpay/legacy-client'
import { loadOrCreateIdentity } from '../../src/main/identity/identity'
import { createDispatcher, type SenderInfo } from '../../src/main/ipc/dispatcher'
import { createMemoryVaultForTests } from '../../src/main/keychain/memory-vault.testutil'
import { createFileLogger } from '../../src/main/log/file-logger'
import {
  settingsBackendOptions,
  type SettingsBackend,
} from '../../src/main/settings/settings-store'
import { makeTestCore } from '../../src/main/core/test-core.testutil'
import type { SaleView } from '../../src/shared/sale'
import { minorDigits, minorToDecimal, parseAmount } from '../../src/shared/money'
import { startServerProcess } from './server-process'
import { median, percentile, type Row } from './stats'

const SENDER: SenderInfo = { frameUrl: 'app://cashier/index.html', isTopFrame: true, contentsId: 1 }
const ms = (v: number) => `${v.toFixed(2)} ms`
const medianP95 = (v: number[]) => `${ms(median(v))} / ${ms(percentile(v, 95))}`
const settle = (delayMs: number) => new Promise((r) => setTimeout(r, delayMs))

/**
 * What the cashier waits for between Enter and the answer: the whole `sales:charge` request
 * through the core's dispatcher (input check, settings, amount, order id, durable journal record,
 * signed POST, journal update, output check; the watcher starts after the answer), against the
 * floor: one hand-written signed fetch POST of the same body to the same server, parsed with
 * JSON.parse. The project's client alone (`LegacyClient.createInvoice`) is a third row. The three
 * are interleaved in one run, so machine noise hits them alike, against a BTCPay test server in
 * its own process. Then the core's event-loop delay during 200 charges back to back.
 */
export async function benchChargeLatency(rounds = 300): Promise<Row[]> {
  const server = await startServerProcess()
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-bench-charge-'))
  /** The core's own client, timed: building and signing the request, then sending it. */
  const signs: number[] = []
  const posts: number[] = []
  // As both hosts build it: settings in conf's file, a file logger; only the keychain is in memory.
  const log = createFileLogger({ dir: join(dataDir, 'logs') })
  const core = makeTestCore({
    dataDir,
    vault: createMemoryVaultForTests(),
    log,
    settingsBackend: new Conf({
      cwd: dataDir,
      projectName: 'btcpay-cashier',
      ...settingsBackendOptions(),
    }) as unknown as SettingsBackend,
    makeClient: (o) => {
      const client = new LegacyClient({ ...o, log })
      const createInvoice = client.createInvoice.bind(client)
      client.createInvoice = (input, options = {}) => {
        const t0 = performance.now()
        let left = t0
        const answer = createInvoice(input, {
          sendAfter: options.sendAfter?.then(() => (left = performance.now())),
        })
        signs.push(performance.now() - t0)
        return answer.finally(() => posts.push(performance.now() - left))
      }
      return client
    },
  })
  try {
    await core.start()
    await core.pairing.pairWithCode({
      serverUrl: server.url,
      pairingCode: await server.pairingCode(),
    })
    const dispatch = createDispatcher({
      handlers: core.handlers,
      isTrustedSender: () => true,
      log,
    })
    // When the sale is first published (recorded) and when it has its invoice (answered).
    let recordedAt = 0
    let answeredAt = 0
    core.events.connect((channel, envelope) => {
      if (channel !== 'sale:changed') return
      const phase = (envelope.data as SaleView).phase
      if (phase === 'creating') recordedAt = performance.now()
      else if (phase === 'waiting' && answeredAt === 0) answeredAt = performance.now()
    })
    const charge = async () => {
      const result = await dispatch(SENDER, 'sales:charge', {
        amount: '12.50',
        description: 'Espresso',
      })
      if (!result.ok) throw new Error(`charge failed: ${result.message}`)
      return (result.data as SaleView).id
    }
    const cancel = async (saleId: string) => {
      const result = await dispatch(SENDER, 'sales:cancel', { saleId })
      if (!result.ok) throw new Error(`cancel failed: ${result.message}`)
    }

    const identity = await loadOrCreateIdentity(createMemoryVaultForTests())
    const { token } = await new LegacyClient({ baseUrl: server.url, identity }).completePairing({
      pairingCode: await server.pairingCode(),
    })
    const client = new LegacyClient({ baseUrl: server.url, identity, token })
    let seq = 0
    const clientOnly = async () => {
      const amount = parseAmount('12.50', 'USD', 1_000_000)
      if (!amount.ok) throw new Error(amount.message)
      await client.createInvoice({
        price: minorToDecimal(amount.minor, minorDigits('USD')),
        currency: 'USD',
        orderId: `BENCH-${++seq}`,
        itemDesc: 'Espresso',
      })
    }
    const floor = async () => {
      const url = `${server.url}/invoices`
      const body = serializeInvoiceBody(
        { price: '12.50', currency: 'USD', orderId: `FLOOR-${++seq}`, itemDesc: 'Espresso' },
        token,
      )
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          ...identity.signRequest(url, body),
          'x-accept-version': '2.0.0',
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        body,
      })
      JSON.parse(await res.text())
    }

    const whole: number[] = []
    const toRecorded: number[] = []
    const post: number[] = []
    const afterPost: number[] = []
    const signed: number[] = []
    const toAnswer: number[] = []
    const viaCore = async (measure: boolean) => {
      recordedAt = 0
      answeredAt = 0
      const before = posts.length
      const t0 = performance.now()
      const saleId = await charge()
      const t1 = performance.now()
      if (measure) {
        whole.push(t1 - t0)
        toRecorded.push(recordedAt - t0)
        post.push(posts[before] as number)
        signed.push(signs[before] as number)
        afterPost.push(answeredAt - recordedAt - (posts[before] as number))
        toAnswer.push(t1 - answeredAt)
      }
      // Not timed: the watcher starts (as after every charge), then the cashier cancels.
      await settle(10)
      await cancel(saleId)
    }

    for (let i = 0; i < 30; i++) {
      await viaCore(false)
      await clientOnly()
      await floor()
    }
    const clientTimes: number[] = []
    const floorTimes: number[] = []
    const kinds = ['core', 'client', 'floor'] as const
    for (let i = 0; i < rounds; i++) {
      for (let k = 0; k < 3; k++) {
        const kind = kinds[(i + k) % 3]
        if (kind === 'core') {
          await viaCore(true)
          continue
        }
        const t0 = performance.now()
        await (kind === 'client' ? clientOnly() : floor())
        ;(kind === 'client' ? clientTimes : floorTimes).push(performance.now() - t0)
      }
    }

    // Idle first, for comparison: the delay this machine adds to a loop doing nothing.
    const idle = monitorEventLoopDelay({ resolution: 1 })
    idle.enable()
    await settle(2000)
    idle.disable()
    const busy = monitorEventLoopDelay({ resolution: 1 })
    busy.enable()
    const t0 = performance.now()
    for (let i = 0; i < 200; i++) {
      const saleId = await charge()
      await new Promise((r) => setImmediate(r)) // its watcher starts, as after every charge
      await cancel(saleId)
    }
    const backToBack = performance.now() - t0
    busy.disable()

    const ratio = median(whole) / median(floorTimes)
    const p95Ratio = percentile(whole, 95) / percentile(floorTimes, 95)
    const clientRatio = median(clientTimes) / median(floorTimes)
    const loopP99 = busy.percentile(99) / 1e6
    return [
      {
        measure: 'Whole charge (sales:charge request), median / p95',
        value: medianP95(whole),
        target: '',
        ok: null,
      },
      {
        measure: '… input check, settings, amount, order id, journal line written',
        value: medianP95(toRecorded),
        target: '',
        ok: null,
      },
      {
        measure: '…… of which signing the request and handing it to ky, while the line is written',
        value: medianP95(signed),
        target: '',
        ok: null,
      },
      {
        measure: '… POST, from the line written to the answer (HTTP, lossless JSON, zod)',
        value: medianP95(post),
        target: '',
        ok: null,
      },
      {
        measure: "… the line's fdatasync still running after the answer, update queued, published",
        value: medianP95(afterPost),
        target: '',
        ok: null,
      },
      { measure: '… view, output check', value: medianP95(toAnswer), target: '', ok: null },
      {
        measure: 'Client only (LegacyClient.createInvoice), median / p95',
        value: medianP95(clientTimes),
        target: '',
        ok: null,
      },
      {
        measure: 'Minimal signed fetch (floor), median / p95',
        value: medianP95(floorTimes),
        target: '',
        ok: null,
      },
      {
        measure: 'Whole charge / floor, median',
        value: `${ratio.toFixed(2)}x`,
        target: '<= 1.2x',
        ok: ratio <= 1.2,
      },
      {
        measure: 'Whole charge / floor, p95',
        value: `${p95Ratio.toFixed(2)}x`,
        target: '<= 2x',
        ok: p95Ratio <= 2,
      },
      {
        measure: 'Client only / floor, median',
        value: `${clientRatio.toFixed(2)}x`,
        target: '<= 1.2x',
        ok: clientRatio <= 1.2,
      },
      {
        measure: `Core event-loop delay, 200 charges back to back (${(backToBack / 200).toFixed(1)} ms each), p50 / p99 / max`,
        value: `${ms(busy.percentile(50) / 1e6)} / ${ms(loopP99)} / ${ms(busy.max / 1e6)}`,
        target: 'p99 <= 5 ms',
        ok: loopP99 <= 5,
      },
      {
        measure: 'Same, idle loop in the same run (what the machine adds), p50 / p99',
        value: `${ms(idle.percentile(50) / 1e6)} / ${ms(idle.percentile(99) / 1e6)}`,
        target: '',
        ok: null,
      },
    ]
  } finally {
    await core.stop()
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
