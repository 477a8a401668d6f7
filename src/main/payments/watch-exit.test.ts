import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

describe('after stop()', () => {
  it('the process exits by itself: no timer or socket is left open', () => {
    const script = fileURLToPath(new URL('./watch-exit.testutil.ts', import.meta.url))
    const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url))
    const run = spawnSync(tsx, [script], { encoding: 'utf8', timeout: 15_000 })
    expect(run.error).toBeUndefined()
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain('stopped; open websockets: 0')
    expect(run.status).toBe(0)
  })
})
