import { execFileSync } from 'node:child_process'
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  statfsSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createDispatcher, type SenderInfo } from '../ipc/dispatcher'
import type { Logger } from '../log/logger'
import { silentLogger } from '../log/logger'
import { makeTestCore } from './test-core.testutil'

// The journal-problems channel and core.stop() through the real core and dispatcher (contract
// parsing both ways) on a real data folder; only the keychain and settings are memory doubles.
const app: SenderInfo = { frameUrl: 'app://cashier/index.html', isTopFrame: true, contentsId: 1 }
const cleanups: (() => void)[] = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
})

const DAY = '2026-11-21'
const T = Date.UTC(2026, 10, 21, 12)
const header = `{"journal":"btcpay-cashier-sales","v":1,"day":"${DAY}"}\n`
const sale = (id: string, n: number, amount: string) =>
  `{"S":"${id}","o":"T-${n}","n":${n},"c":${T + n},"u":${T + n},"a":${amount},"cur":"USD","s":"creating","r":1}`

/** A data folder whose journal has one whole sale and one whose amount a flipped byte ruined. */
function dataDirWithDamage(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-core-problems-'))
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
  mkdirSync(join(dataDir, 'journal'))
  writeFileSync(
    join(dataDir, 'journal', `sales-${DAY}.jsonl`),
    header +
      `${sale('a', 1, '500')}\n` +
      `${sale('b', 2, '7\u00ff0')}\n` +
      `{"P":"a","r":2,"u":${T + 9},"inv":"INV-A","s":"complete"}\n` +
      `{"P":"b","r":2,"u":${T + 9},"inv":"INV-B","s":"paid"}\n`,
  )
  return dataDir
}

async function setup(dataDir: string, log: Logger = silentLogger) {
  const core = makeTestCore({ dataDir, log })
  await core.start()
  const dispatch = createDispatcher({ handlers: core.handlers, isTrustedSender: () => true, log })
  return { core, call: (channel: string, input?: unknown) => dispatch(app, channel, input) }
}

describe('journal problems', () => {
  it('lists the damaged line for the manager and counts its sale as unknown in the totals', async () => {
    const { core, call } = await setup(dataDirWithDamage())
    expect(await call('sales:journal-problems')).toEqual({
      ok: true,
      data: {
        problems: [
          {
            file: `sales-${DAY}.jsonl`,
            line: 3,
            kept: { kind: 'lost', saleId: 'b', invoiceId: 'INV-B', status: 'paid' },
          },
        ],
      },
    })
    expect(await call('sales:totals', { from: T - 3_600_000, to: T + 3_600_000 })).toEqual({
      ok: true,
      data: {
        totals: [
          { currency: 'USD', count: 1, settledMinor: 500, pendingMinor: 0, refundedMinor: 0 },
        ],
        unknown: 1,
      },
    })
    await core.stop()
  })

  it('is for the manager: refused while the PIN is set and not entered', async () => {
    const { core, call } = await setup(dataDirWithDamage())
    expect(await call('manager:set-pin', { pin: '4321' })).toMatchObject({ ok: true })
    expect(await call('manager:lock')).toMatchObject({ ok: true })
    expect(await call('sales:journal-problems')).toMatchObject({
      ok: false,
      code: 'manager-locked',
    })
    await core.stop()
  })
})

/**
 * A tiny tmpfs for one test, where this machine lets a test mount one (root with CAP_SYS_ADMIN);
 * null elsewhere. Checked by its size, so nothing is ever filled but a 256 KiB disk.
 */
function tinyDisk(): string | null {
  if (process.platform !== 'linux') return null
  const dir = mkdtempSync(join(tmpdir(), 'pos-full-disk-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir], { stdio: 'ignore' })
  } catch {
    return null
  }
  cleanups.unshift(() => execFileSync('umount', [dir]))
  const fs = statfsSync(dir)
  return fs.blocks * fs.bsize <= 1024 * 1024 ? dir : null
}
const canMount = (() => {
  try {
    execFileSync('mount', ['--version'], { stdio: 'ignore' })
    return process.platform === 'linux' && process.getuid?.() === 0
  } catch {
    return false
  }
})()

describe('core.stop()', () => {
  it.skipIf(!canMount)(
    'reports a full disk at close instead of throwing (tmpfs mount)',
    async (ctx) => {
      const disk = tinyDisk()
      if (!disk) return ctx.skip()
      const errors: string[] = []
      const log: Logger = { ...silentLogger, error: (event) => errors.push(event) }
      const { core } = await setup(disk, log)
      // Fill the disk to the last byte (never more than its 256 KiB), so closing cannot write the
      // next order number.
      const fd = openSync(join(disk, 'filler'), 'w')
      const chunk = Buffer.alloc(4096, 1)
      let full = false
      try {
        for (let written = 0; written < 1024 * 1024; written += chunk.length) writeSync(fd, chunk)
      } catch (err) {
        full = (err as NodeJS.ErrnoException).code === 'ENOSPC'
      } finally {
        closeSync(fd)
      }
      expect(full).toBe(true)
      await expect(core.stop()).resolves.toEqual({ journalClosed: false })
      expect(errors).toEqual(['journal.close-failed'])
    },
  )

  it('closes the journal so the next start continues the order numbers', async () => {
    const dataDir = dataDirWithDamage()
    const { core } = await setup(dataDir)
    await expect(core.stop()).resolves.toEqual({ journalClosed: true })
  })
})
