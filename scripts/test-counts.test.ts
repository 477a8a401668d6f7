import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { countPlaywright, countVitest } from './test-counts.mjs'

const repoRoot = resolve(import.meta.dirname, '..')
const work = mkdtempSync(join(repoRoot, 'test-results-counts-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Runs a real runner on throw-away test files and returns its JSON report. */
function report(runner: 'vitest' | 'playwright', files: Record<string, string>) {
  const dir = join(work, runner)
  mkdirSync(dir, { recursive: true })
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  const args =
    runner === 'vitest'
      ? ['run', '--config', 'config.mjs', '--reporter=json', '--outputFile=report.json']
      : ['test', '--config', 'config.mjs']
  // The outer vitest's variables would make the inner runner think it runs inside a worker.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')),
  )
  spawnSync(join(repoRoot, 'node_modules/.bin', runner), args, { cwd: dir, env })
  return JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))
}

describe("npm test's closing line", () => {
  it('counts each vitest file that fails to load as a failure, by name', () => {
    const counts = countVitest(
      report('vitest', {
        'config.mjs': `export default { test: { include: ['*.test.ts'], globals: true } }`,
        'fine.test.ts': "it('passes', () => {}); it('fails', () => { throw new Error('no') })",
        'broken-a.test.ts': "import './missing-module'\nit('never runs', () => {})",
        'broken-b.test.ts': "throw new Error('boom at load')\nit('never runs', () => {})",
      }),
    )
    expect(counts).toMatchObject({ passed: 1, failed: 3, skipped: 0 })
    expect(counts.failures.join('\n')).toMatch(/broken-a\.test\.ts did not load/)
    expect(counts.failures.join('\n')).toMatch(/broken-b\.test\.ts did not load: .*boom at load/)
  })

  it('counts a Playwright spec that fails to load as a failure', () => {
    const counts = countPlaywright(
      report('playwright', {
        'config.mjs': `export default { testDir: '.', testMatch: '*.spec.mjs', reporter: [['json', { outputFile: 'report.json' }]] }`,
        'broken.spec.mjs': "import './missing-module.mjs'",
        'fine.spec.mjs': "import { test } from '@playwright/test'\ntest('passes', () => {})",
      }),
    )
    expect(counts.failed).toBeGreaterThanOrEqual(1)
    expect(counts.failures.join('\n')).toMatch(/missing-module/)
  }, 60_000)
})
