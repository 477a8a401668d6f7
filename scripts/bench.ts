// `npm run bench`: speed and size against the targets in the issue tracker; prints a table and
// writes docs/benchmarks.md. A benchmark, not a test: it reports, it does not fail the build.
// `npm run bench -- charge journal`: only those steps, printed; docs/benchmarks.md is left alone.
import { readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { benchBundleSize } from './bench/bundle-size'
import { benchChargeLatency } from './bench/charge-latency'
import { benchEnterToQr } from './bench/enter-to-qr'
import { benchJournal } from './bench/journal'
import { benchStatusPush } from './bench/status-push'
import { table, type Row } from './bench/stats'

const root = join(import.meta.dirname, '..')

const FINDINGS = '## Findings'
const NOTES = `## How to read it

- **Whole charge**: the \`sales:charge\` request through the core's dispatcher, as the renderer
  sends it (scripts/bench/charge-latency.ts). The "…" rows split it with timestamps taken around
  the core's own client: up to its call (input check, settings, amount, order id, the journal line
  handed to the thread pool); the request signed and built (ky) while the line is written; what
  is left of that write afterwards; the POST from leaving (its fdatasync runs meanwhile) to the
  checked answer; then the rest of the fdatasync if it still runs (the answer waits for it), the
  journal update (queued, not awaited), the view and the output check. The sale events are
  pushed and the watcher starts after the answer, not in it.
- **Floor**: one hand-written BitId-signed \`fetch\` POST with the same fields as the core's
  (posData included), parsed with \`JSON.parse\`. The till's transport makes its requests with
  Node's http module instead of fetch (src/main/btcpay/http-exchange.ts), which saves about half a
  millisecond per request; the floor's same POST over that module is a row of its own, with the
  charge's ratio to it, so the part of the ratio that comes from leaving fetch behind is in
  plain sight. The request kinds are interleaved, against a BTCPay test server in its own
  process. The floor has no journal: the sale's line (written before its invoice is requested,
  flushed while the request is on its way) is the one cost the till adds on purpose.
- **Journal start-up load**: each of three loads in a fresh process (cold JIT, empty heap), as
  when the till starts; the median.
- **Event-loop delay**: \`perf_hooks.monitorEventLoopDelay\` (1 ms resolution, so an idle loop
  reads about 1 ms) over 200 charges back to back, each followed by its watcher's start and a
  cancel; the idle row is the same histogram over two quiet seconds of the same run.
- **Enter to QR**: Chromium through the browser host, measured in the page from the Enter
  keydown's timestamp to the frame after the QR image is in the document
  (scripts/bench/enter-to-qr.ts).
`
const rows: Row[] = []
const only = process.argv.slice(2)
const step = async (name: string, run: () => Promise<Row[]> | Row[]) => {
  if (only.length > 0 && !only.includes(name)) return
  process.stdout.write(`${name}… `)
  const t0 = performance.now()
  rows.push(...(await run()))
  console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`)
}

const loadBefore = loadavg()[0] ?? 0
// The journal first: its durable appends are timed before the other steps have filled the heap
// (its start-up loads run in processes of their own, journal-start.ts).
await step('journal', () => benchJournal())
await step('charge', () => benchChargeLatency())
await step('enter-to-qr', () => benchEnterToQr())
await step('status-push', () => benchStatusPush())
await step('bundle-size', () => benchBundleSize(join(root, 'out/renderer')))

const loadAfter = loadavg()[0] ?? 0
const result = table(rows)
console.log(
  `\n${result}\n\nLoad average (1 min) ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end.`,
)
if (only.length > 0) process.exit(0)
const cpu = cpus()[0]?.model ?? 'unknown CPU'
const docPath = join(root, 'docs/benchmarks.md')
// Hand-written findings (one-off comparisons, where the time went) below this heading are kept.
const previous = readFileSync(docPath, 'utf8')
const findings = previous.includes(FINDINGS) ? previous.slice(previous.indexOf(FINDINGS)) : ''
writeFileSync(
  docPath,
  `# Benchmarks\n\nWritten by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpu}.\n` +
    `Every figure is measured in the same run; the charge ratio compares the core with a minimal signed fetch to the same BTCPay test server.\n` +
    `Load average (1 min) ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end: on a shared machine, read the ratios, not the milliseconds.\n\n${result}\n\n${NOTES}${findings && `\n${findings}`}`,
)
const missed = rows.filter((r) => r.ok === false)
console.log(missed.length ? `${missed.length} target(s) missed.` : 'All targets met.')
