import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import { connectBridge } from './fixtures/bridge-client'
import { startHostProcess } from './fixtures/host'

const repoRoot = resolve(import.meta.dirname, '..')

/** A second `npm run host` on the folder, run to its end. */
function secondHost(dataDir: string) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/host/main.ts', '--data-dir', dataDir, '--port', '0'],
    { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 },
  )
}

/** Every entry under dir with its permission bits and the bits it should have. */
function modes(dir: string, prefix = ''): [string, number, number][] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    const want = e.isDirectory() ? 0o700 : 0o600
    const entry: [string, number, number] = [prefix + e.name, statSync(path).mode & 0o777, want]
    return e.isDirectory() ? [entry, ...modes(path, `${prefix}${e.name}/`)] : [entry]
  })
}

test('a second terminal on the same data folder names the first and exits; after a crash the folder is free at once', async () => {
  test.setTimeout(120_000)
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-two-'))
  try {
    const first = await startHostProcess([], { dataDir })
    const second = secondHost(dataDir)
    expect(second.status).toBe(1)
    expect(second.stderr).toMatch(
      /data folder .* is in use by BTCPay Cashier browser host \(process \d+/,
    )
    expect(second.stderr).toContain(`process ${first.pid}`)

    // A crashed holder frees the folder at once: a till restarted by its supervisor must start.
    await first.stop('SIGKILL')
    const third = await startHostProcess([], { dataDir })
    await third.stop()
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})

test('everything in the data folder is private: files 0600, folders 0700', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-modes-'))
  try {
    const host = await startHostProcess([], { dataDir })
    const bridge = await connectBridge(host.url)
    const now = Date.now()
    expect(
      await bridge.call('sales:export-csv', { from: now - 86_400_000, to: now }),
    ).toMatchObject({ ok: true })
    await bridge.call('manager:unlock', { pin: '0000' })
    bridge.close()
    const seen = modes(dataDir)
    await host.stop()
    for (const kind of ['settings.json', 'logs/cashier.log', 'journal', 'exports', 'terminal.lock'])
      expect(seen.map(([name]) => name)).toContain(kind)
    expect(seen.filter(([, mode, want]) => mode !== want)).toEqual([])
    expect(statSync(dataDir).mode & 0o777).toBe(0o700)
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})
