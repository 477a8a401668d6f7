/**
 * Fills a journal with realistic sales for benchmarks and tests: each sale is recorded, then
 * gets its invoice (status 'new'), then usually 'paid' and 'complete' (about 3 updates per
 * sale), through the public API, then compacts old days (unless told not to). Open the journal
 * with fsync: false to seed quickly.
 */
import type { Journal } from './journal'
import { newSale } from './new-sale'
import type { SaleStatus } from './sale'

export interface SeedOptions {
  /** createdAt of the first sale (ms); default: so that the last sale is about now. */
  startAt?: number
  /** Sales per UTC day, spread evenly (default 500). */
  perDay?: number
  terminalId?: string
  /** Currencies to cycle through with their typical amount range in minor units. */
  currencies?: ReadonlyArray<{ currency: string; maxMinor: number }>
  /** Seed of the pseudo-random choices (default 1): same seed, same journal. */
  seed?: number
  /**
   * Finish as a till that has been running would leave it: day files older than two days
   * compacted (default true). false leaves every update line in place.
   */
  compact?: boolean
  /** Called every 10,000 sales. */
  onProgress?: (done: number) => void
}

export interface SeedResult {
  sales: number
  updates: number
  firstCreatedAt: number
  lastCreatedAt: number
}

const DEFAULT_CURRENCIES = [
  { currency: 'USD', maxMinor: 50_000 },
  { currency: 'EUR', maxMinor: 50_000 },
  { currency: 'JPY', maxMinor: 20_000 },
  { currency: 'BHD', maxMinor: 50_000 },
]

export async function seedJournal(
  journal: Journal,
  n: number,
  opts: SeedOptions = {},
): Promise<SeedResult> {
  const perDay = opts.perDay ?? 500
  const step = Math.floor(86_400_000 / perDay)
  const startAt = opts.startAt ?? Date.now() - n * step
  const terminalId = opts.terminalId ?? 'seed'
  const currencies = opts.currencies ?? DEFAULT_CURRENCIES
  let state = (opts.seed ?? 1) >>> 0 || 1
  const random = (): number => {
    // xorshift32: deterministic and fast
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    return state / 0x1_0000_0000
  }
  let updates = 0
  // Not awaited one by one: the journal writes what is queued together, in order.
  let writes: Promise<unknown>[] = []
  for (let i = 0; i < n; i++) {
    const createdAt = startAt + i * step
    const c = currencies[i % currencies.length] ?? { currency: 'USD', maxMinor: 10_000 }
    const amountMinor = 1 + Math.floor(random() * c.maxMinor)
    const draft = await newSale(journal, terminalId, {
      createdAt,
      amountMinor,
      currency: c.currency,
      description: random() < 0.3 ? `Item ${i % 97}` : null,
      cashier: random() < 0.5 ? 'Alex' : null,
    })
    const { id, sequence } = draft
    writes.push(journal.record(draft).durable)
    const invoiceId = invoiceIdFor(sequence, random)
    const update = (patch: Parameters<Journal['update']>[1]) =>
      writes.push(journal.update(id, patch))
    update({
      invoiceId,
      status: 'new',
      checkoutLink: `https://btcpay.example.com/i/${invoiceId}`,
      expiresAt: createdAt + 15 * 60_000,
    })
    updates++
    const r = random()
    if (r < 0.85) {
      update({ status: 'paid' })
      const end: SaleStatus = r < 0.83 ? 'complete' : 'invalid'
      update({ status: end })
      updates += 2
    } else {
      update({ status: 'expired' })
      updates++
    }
    if ((i + 1) % 1000 === 0) {
      await Promise.all(writes)
      writes = []
    }
    if ((i + 1) % 10_000 === 0) opts.onProgress?.(i + 1)
  }
  await Promise.all(writes)
  if (opts.compact ?? true) await journal.compact()
  return {
    sales: n,
    updates,
    firstCreatedAt: startAt,
    lastCreatedAt: startAt + Math.max(0, n - 1) * step,
  }
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'

/** A BTCPay-like invoice id (22 base58 characters), unique per sequence. */
function invoiceIdFor(sequence: number, random: () => number): string {
  let out = ''
  for (let i = 0; i < 14; i++) out += BASE58[Math.floor(random() * 58)]
  let x = sequence
  for (let i = 0; i < 8; i++) {
    out += BASE58[x % 58]
    x = Math.floor(x / 58)
  }
  return out
}
