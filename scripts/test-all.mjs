// `npm test`: every check the project has, in one run, ending with one line `N passed, N failed`.
// Runs inside a throw-away keyring session so keychain tests and the browser host use a real
// Secret Service without touching the user's own keyring.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { countPlaywright, countVitest } from './test-counts.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
process.chdir(root)

if (process.env.POS_KEYRING_SESSION !== '1') {
  const r = spawnSync(
    'bash',
    ['scripts/with-keyring.sh', process.execPath, ...process.argv.slice(1)],
    { stdio: 'inherit' },
  )
  process.exit(r.status ?? 1)
}

const results = 'test-results'
rmSync(results, { recursive: true, force: true })
mkdirSync(results, { recursive: true })

const totals = { passed: 0, failed: 0, skipped: 0 }
const run = (label, cmd, args) => {
  console.log(`\n=== ${label} ===`)
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env })
  return r.status === 0
}
/** A check with no test count of its own (typecheck, lint, build) counts as one. */
const check = (label, cmd, args) => {
  const ok = run(label, cmd, args)
  totals[ok ? 'passed' : 'failed'] += 1
  return ok
}
const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null)
const failures = []
const add = (counts) => {
  totals.passed += counts.passed
  totals.failed += counts.failed
  totals.skipped += counts.skipped
  failures.push(...counts.failures)
}

check('typecheck', 'npm', ['run', '--silent', 'typecheck'])
check('lint', 'npm', ['run', '--silent', 'lint'])

const failedBeforeUnit = totals.failed
const unitOk = run('unit and integration tests (vitest)', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${results}/vitest.json`,
])
const unit = readJson(`${results}/vitest.json`)
if (unit) add(countVitest(unit))
// The runner itself failed (no report, or an error no count explains).
if (!unit || (!unitOk && totals.failed === failedBeforeUnit)) totals.failed += 1

if (check('build', 'npm', ['run', '--silent', 'build'])) {
  const e2eOk = run('end-to-end tests (Playwright, Debian Chromium)', 'npx', ['playwright', 'test'])
  const e2e = readJson(`${results}/playwright.json`)
  const failedBeforeE2e = totals.failed
  if (e2e) add(countPlaywright(e2e))
  if (!e2e || (!e2eOk && totals.failed === failedBeforeE2e)) totals.failed += 1
}

if (failures.length > 0)
  console.log(`\nFailed to load:\n${failures.map((f) => `  ${f}`).join('\n')}`)

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(totals.failed === 0 ? 0 : 1)
