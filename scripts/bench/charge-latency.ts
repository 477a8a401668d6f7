import { startBtcpayTestServer } from '../../e2e/btcpay-test-server'
import { LegacyClient, serializeInvoiceBody } from '../../src/main/btcpay/legacy-client'
import { loadOrCreateIdentity } from '../../src/main/identity/identity'
import { createMemoryVaultForTests } from '../../src/main/keychain/memory-vault.testutil'
import { minorDigits, minorToDecimal, parseAmount } from '../../src/shared/money'
import { median, percentile, type Row } from './stats'

/**
 * Charge latency through the core (validate + sign + HTTP + parse with the project's client) against
 * the floor: one hand-written signed fetch POST of the same body to the same server, parsed with
 * JSON.parse. Interleaved, in one run, so machine noise hits both alike.
 */
export async function benchChargeLatency(rounds = 300): Promise<Row[]> {
  const server = await startBtcpayTestServer()
  try {
    const identity = await loadOrCreateIdentity(createMemoryVaultForTests())
    const { pairingCode } = server.control.createPairingCode()
    const { token } = await new LegacyClient({ baseUrl: server.url, identity }).completePairing({
      pairingCode,
    })
    const client = new LegacyClient({ baseUrl: server.url, identity, token })
    let seq = 0

    const viaCore = async () => {
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

    for (let i = 0; i < 30; i++) {
      await viaCore()
      await floor()
    }
    const core: number[] = []
    const base: number[] = []
    for (let i = 0; i < rounds; i++) {
      const order = i % 2 === 0 ? [viaCore, floor] : [floor, viaCore]
      for (const fn of order) {
        const t0 = performance.now()
        await fn()
        ;(fn === viaCore ? core : base).push(performance.now() - t0)
      }
    }
    const ratio = median(core) / median(base)
    return [
      {
        measure: 'Charge via core, median / p95',
        value: `${median(core).toFixed(2)} / ${percentile(core, 95).toFixed(2)} ms`,
        target: '',
        ok: null,
      },
      {
        measure: 'Minimal signed fetch (floor), median / p95',
        value: `${median(base).toFixed(2)} / ${percentile(base, 95).toFixed(2)} ms`,
        target: '',
        ok: null,
      },
      {
        measure: 'Charge latency ratio (median core / floor)',
        value: `${ratio.toFixed(2)}x`,
        target: '<= 1.2x',
        ok: ratio <= 1.2,
      },
    ]
  } finally {
    await server.close()
  }
}
