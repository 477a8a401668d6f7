import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import Conf from 'conf'
import { signedLegacyHeaders } from '../../src/main/btcpay/bitid-headers'
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
 * JSON.parse. The project's client alone (`LegacyClient.createInvoice`) is a third row, and the
 * floor's POST made with Node's http module (what the till's transport uses instead of fetch) a
 * fourth. The four are interleaved in one run, so machine noise hits them alike, against a BTCPay
 * test server in its own process. Then the core's event-loop delay during 200 charges back to
 * back.
 */
export async function benchChargeLatency(rounds = 300): Promise<Row[]> {
  const server = await startServerProcess()
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-bench-charge-'))
  /** The core's own client, timed: called, request built and signed, left, answered. */
  const calls: { calledAt: number; builtAt: number; leftAt: number; answeredAt: number }[] = []
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
        const call = { calledAt: performance.now(), builtAt: 0, leftAt: 0, answeredAt: 0 }
        calls.push(call)
        const answer = createInvoice(input, {
          sendAfter: options.sendAfter?.then(() => (call.leftAt = performance.now())),
        })
        call.builtAt = performance.now()
        return answer.finally(() => (call.answeredAt = performance.now()))
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
    // The same fields as the core's request (cashier.ts invoiceOf), so the server does the same
    // work for all three kinds and the ratios show only what the till adds.
    const settings = await core.handlers['settings:get'](undefined)
    const posData = JSON.stringify({
      terminal: settings.terminalLabel,
      terminalId: settings.terminalId,
      cashier: null,
    })
    let seq = 0
    const clientOnly = async () => {
      const amount = parseAmount('12.50', 'USD', 1_000_000)
      if (!amount.ok) throw new Error(amount.message)
      await client.createInvoice({
        price: minorToDecimal(amount.minor, minorDigits('USD')),
        currency: 'USD',
        orderId: `BENCH-${++seq}`,
        itemDesc: 'Espresso',
        posData,
      })
    }
    /** The floor's request: the core's fields, signed and headed as the core's client does. */
    const floorRequest = (prefix: string) => {
      const url = `${server.url}/invoices`
      const body = serializeInvoiceBody(
        {
          price: '12.50',
          currency: 'USD',
          orderId: `${prefix}-${++seq}`,
          itemDesc: 'Espresso',
          posData,
        },
        token,
      )
      return { url, body, headers: { ...signedLegacyHeaders(identity, url, body) } }
    }
    const floor = async () => {
      const { url, body, headers } = floorRequest('FLOOR')
      const res = await fetch(url, { method: 'POST', headers, body })
      JSON.parse(await res.text())
    }

    // The same request over Node's http module with a keep-alive agent, as http-exchange.ts makes
    // it: the part of the floor that is fetch's own overhead, shown, not hidden.
    const agent = new http.Agent({ keepAlive: true })
    const floorHttp = async () => {
      const { url, body, headers } = floorRequest('HTTP')
      const sent = { ...headers, 'Content-Length': String(Buffer.byteLength(body)) }
      const text = await new Promise<string>((resolve, reject) => {
        const req = http.request(url, { method: 'POST', headers: sent, agent }, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => resolve(Buffer.concat(chunks).toString()))
          res.on('error', reject)
        })
        req.on('error', reject)
        req.end(body)
      })
      JSON.parse(text)
    }

    const whole: number[] = []
    const toCall: number[] = []
    const building: number[] = []
    const lineWait: number[] = []
    const post: number[] = []
    const afterAnswer: number[] = []
    const viaCore = async (measure: boolean) => {
      const before = calls.length
      const t0 = performance.now()
      const saleId = await charge()
      const t1 = performance.now()
      const c = calls[before]
      if (measure && c) {
        whole.push(t1 - t0)
        toCall.push(c.calledAt - t0)
        building.push(c.builtAt - c.calledAt)
        lineWait.push(Math.max(0, c.leftAt - c.builtAt))
        post.push(c.answeredAt - Math.max(c.leftAt, c.builtAt))
        afterAnswer.push(t1 - c.answeredAt)
      }
      // Not timed: the watcher starts (as after every charge), then the cashier cancels.
      await settle(10)
      await cancel(saleId)
    }

    for (let i = 0; i < 30; i++) {
      await viaCore(false)
      await clientOnly()
      await floor()
      await floorHttp()
    }
    const others = {
      client: { run: clientOnly, times: [] as number[] },
      floor: { run: floor, times: [] as number[] },
      http: { run: floorHttp, times: [] as number[] },
    }
    const kinds = ['core', 'client', 'floor', 'http'] as const
    for (let i = 0; i < rounds; i++) {
      for (let k = 0; k < kinds.length; k++) {
        const kind = kinds[(i + k) % kinds.length] as (typeof kinds)[number]
        if (kind === 'core') {
          await viaCore(true)
          continue
        }
        const t0 = performance.now()
        await others[kind].run()
        others[kind].times.push(performance.now() - t0)
      }
    }
    agent.destroy()
    const clientTimes = others.client.times
    const floorTimes = others.floor.times
    const httpTimes = others.http.times

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
    const httpRatio = median(whole) / median(httpTimes)
    const loopP99 = busy.percentile(99) / 1e6
    return [
      {
        measure: 'Whole charge (sales:charge request), median / p95',
        value: medianP95(whole),
        target: '',
        ok: null,
      },
      {
        measure: '… input check, settings, amount, order id, journal line queued',
        value: medianP95(toCall),
        target: '',
        ok: null,
      },
      {
        measure: '… request signed and built (ky), while the line is written',
        value: medianP95(building),
        target: '',
        ok: null,
      },
      {
        measure: "… the line's write still running once the request is built",
        value: medianP95(lineWait),
        target: '',
        ok: null,
      },
      {
        measure: '… POST, from leaving to the answer checked (HTTP, lossless JSON, zod)',
        value: medianP95(post),
        target: '',
        ok: null,
      },
      {
        measure:
          "… after it: the line's fdatasync if still running, update queued, view, output check",
        value: medianP95(afterAnswer),
        target: '',
        ok: null,
      },
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
        measure: "The floor over Node's http module instead of fetch, median / p95",
        value: medianP95(httpTimes),
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
        measure: "Whole charge / the floor over Node's http module, median",
        value: `${httpRatio.toFixed(2)}x`,
        target: '',
        ok: null,
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
