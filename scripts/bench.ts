// `npm run bench`: speed and size against the targets in the issue tracker; prints a table and
// writes docs/benchmarks.md. A benchmark, not a test: it reports, it does not fail the build.
import { writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { benchBundleSize } from './bench/bundle-size'
import { benchChargeLatency } from './bench/charge-latency'
import { benchJournal } from './bench/journal'
import { benchStatusPush } from './bench/status-push'
import { table, type Row } from './bench/stats'

const root = join(import.meta.dirname, '..')
const rows: Row[] = []
const step = async (name: string, run: () => Promise<Row[]> | Row[]) => {
  process.stdout.write(`${name}… `)
  const t0 = performance.now()
  rows.push(...(await run()))
  console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`)
}

await step('charge latency', () => benchChargeLatency())
await step('status push', () => benchStatusPush())
await step('journal', () => benchJournal())
await step('bundle size', () => benchBundleSize(join(root, 'out/renderer')))

const result = table(rows)
console.log(`\n${result}\n`)
const cpu = cpus()[0]?.model ?? 'unknown CPU'
writeFileSync(
  join(root, 'docs/benchmarks.md'),
  `# Benchmarks\n\nWritten by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpu}.\n` +
    `Every figure is measured in the same run; the charge ratio compares the core with a minimal signed fetch to the same BTCPay test server.\n\n${result}\n`,
)
const missed = rows.filter((r) => r.ok === false)
console.log(missed.length ? `${missed.length} target(s) missed.` : 'All targets met.')
