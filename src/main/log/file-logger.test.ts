import { execFile, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { createFileLogger } from './file-logger'
import { redact, redactString } from './redact'

const run = promisify(execFile)

const privateKey = 'c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721'
const signature =
  '3044022077611ac6b7055c25c3bba24a737722487da72206d2a236682040428fcf7b16c802202e5c01dbc2314adea423c01f589c8b05ce8a8d9af1c5b30ee78197986f2aa672'
const token = '7nQb4HSeeeZBtV7L3yAE3p9Pu8QoKZbJtQmzjGdBGr3a'
const apiKey = '5b5a3f5e2d7e4d0c9a1b8c7d6e5f4a3b2c1d0e9f'

describe('redact', () => {
  it('removes secrets by field name at any depth', () => {
    const out = JSON.stringify(
      redact({
        privateKey,
        nested: {
          token,
          apiKey,
          headers: { 'x-signature': signature, authorization: `token ${apiKey}` },
        },
        pinHash: 'abc',
      }),
    )
    for (const secret of [privateKey, token, apiKey, signature, 'abc"'])
      expect(out).not.toContain(secret)
    expect(out).toContain('[redacted]')
  })

  it('removes secrets that travel under innocent names', () => {
    const out = JSON.stringify(
      redact({
        message: `signed with ${privateKey}`,
        url: `https://shop.example.com/invoices/ABC?token=${token}&x=1`,
        header: `Authorization: token ${apiKey}`,
        error: new Error(`bad signature ${signature}`),
        bytes: new Uint8Array([1, 2, 3]),
        list: [token],
      }),
    )
    for (const secret of [privateKey, token, apiKey, signature]) expect(out).not.toContain(secret)
    expect(out).toContain('https://shop.example.com/invoices/ABC?token=[redacted]&x=1')
  })

  it('keeps ordinary text readable', () => {
    expect(
      redactString(
        'Invoice 7XkQ2mB9 paid, 12.50 USD at /home/cashier/.config/btcpay-cashier-terminal/logs',
      ),
    ).toBe('Invoice 7XkQ2mB9 paid, 12.50 USD at /home/cashier/.config/btcpay-cashier-terminal/logs')
    expect(redact({ status: 'settled', amount: 1250, ok: true })).toEqual({
      status: 'settled',
      amount: 1250,
      ok: true,
    })
  })

  it('survives cycles and deep nesting', () => {
    const a: Record<string, unknown> = { name: 'a' }
    a.self = a
    expect(JSON.stringify(redact(a))).toContain('[circular]')
  })
})

describe('file logger', () => {
  it('writes redacted JSON lines to the data folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-log-'))
    const log = createFileLogger({ dir })
    log.info('pairing.done', { server: 'https://shop.example.com', token, key: privateKey })
    log.error('request.failed', { err: new Error(`401 for x-signature ${signature}`) })
    await log.flush()
    const text = readFileSync(join(dir, 'cashier.log'), 'utf8')
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines.map((l) => l.event)).toEqual(['pairing.done', 'request.failed'])
    expect(lines[0]?.server).toBe('https://shop.example.com')
    for (const secret of [privateKey, token, signature]) expect(text).not.toContain(secret)
  })

  it('rotates by size and keeps a bounded number of files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-log-'))
    const log = createFileLogger({ dir, maxBytes: 2000, keep: 2 })
    for (let i = 0; i < 200; i++) log.info('sale.recorded', { i, note: 'x'.repeat(40) })
    await log.flush()
    const files = readdirSync(dir).sort()
    expect(files).toEqual(['cashier.log', 'cashier.log.1', 'cashier.log.2'])
    for (const f of files) expect(readFileSync(join(dir, f)).length).toBeLessThanOrEqual(2000)
    expect(readFileSync(join(dir, 'cashier.log'), 'utf8')).toContain('"i":199')
  })

  it('keeps logging in the same file when a rotation cannot move it aside', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-log-'))
    // A directory where the rotated file would go: neither removed nor replaced by a rename.
    mkdirSync(join(dir, 'cashier.log.1'))
    writeFileSync(join(dir, 'cashier.log.1', 'keep'), '')
    const log = createFileLogger({ dir, maxBytes: 2000, keep: 1 })
    for (let i = 0; i < 200; i++) log.info('sale.recorded', { i })
    await log.flush()
    const lines = readFileSync(join(dir, 'cashier.log'), 'utf8').trim().split('\n')
    expect(lines.map((l) => (JSON.parse(l) as { i: number }).i)).toEqual([...Array(200).keys()])
  })

  it('drops lines below the level', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-log-'))
    const log = createFileLogger({ dir, level: 'warn' })
    log.info('quiet')
    log.warn('loud')
    await log.flush()
    expect(readFileSync(join(dir, 'cashier.log'), 'utf8')).not.toContain('quiet')
  })

  it('keeps a wrong-PIN flood from rotating the history away: 20 lines a minute, then a count', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-log-'))
    let at = Date.parse('2026-01-01T10:00:00Z')
    const log = createFileLogger({ dir, maxBytes: 20_000, keep: 1, now: () => new Date(at) })
    log.info('sales.charged', { sale: 'kept-1' })
    for (let i = 0; i < 10_000; i++) {
      log.warn('manager.pin-wrong', { failures: i })
      log.info('ipc.fail', { channel: 'manager:unlock', code: 'manager-locked' })
      at += 10
    }
    log.warn('manager.pin-wrong', { failures: 10_000 })
    await log.flush()
    const lines = readFileSync(join(dir, 'cashier.log'), 'utf8').trim().split('\n')
    expect(lines[0]).toContain('kept-1')
    expect(lines.filter((l) => l.includes('"event":"manager.pin-wrong"')).length).toBe(2 * 20)
    expect(lines.filter((l) => l.includes('"log.suppressed"'))).toEqual(
      expect.arrayContaining([expect.stringContaining('"of":"manager.pin-wrong","lines":5980')]),
    )
  })
  it('keeps every line, in order, across rotations and when the process exits right after logging', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-log-'))
    const log = createFileLogger({ dir, maxBytes: 4000, keep: 20 })
    for (let i = 0; i < 300; i++) log.info('sale.recorded', { i })
    await log.flush()
    const files = readdirSync(dir)
      .filter((f) => f !== 'cashier.log')
      .sort((a, b) => Number(b.split('.').pop()) - Number(a.split('.').pop()))
    const all = [...files, 'cashier.log']
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n'))
      .map((l) => (JSON.parse(l) as { i: number }).i)
    expect(all).toEqual([...Array(300).keys()])

    // A child logs and exits at once, with its writes still queued or on their way.
    const exitDir = mkdtempSync(join(tmpdir(), 'pos-log-exit-'))
    const script = `import { createFileLogger } from ${JSON.stringify(join(import.meta.dirname, 'file-logger.ts'))}
const log = createFileLogger({ dir: process.argv[1] })
for (let i = 0; i < 500; i++) log.info('sale.recorded', { i, token: '${token}' })
setImmediate(() => { log.info('app.stopped'); process.exit(0) })`
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script, exitDir],
      {
        encoding: 'utf8',
      },
    )
    expect(child.status, child.stderr).toBe(0)
    const text = readFileSync(join(exitDir, 'cashier.log'), 'utf8')
    const events = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string; i?: number })
    expect(events.map((e) => e.i ?? e.event)).toEqual([...Array(500).keys(), 'app.stopped'])
    expect(text).not.toContain(token)
  })

  it('writes a batch that is still on its way at exit once, not twice', async () => {
    // The exit's last write runs while the thread pool may still be writing the batch in flight:
    // `process.emit('exit')` runs it at that moment, and the child then lets that batch land.
    // Eight children, as the two writes meet at a different moment each time (an append-mode
    // logger doubled the batch in about one child in three).
    const script = `import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createFileLogger } from ${JSON.stringify(join(import.meta.dirname, 'file-logger.ts'))}
// Not top-level await: Node's own exit listener would take it for one never settled.
void (async () => {
  const log = createFileLogger({ dir: process.argv[1] })
  for (let i = 0; i < 50; i++) log.info('sale.recorded', { i })
  await new Promise((r) => setImmediate(r)) // the logger's batch has left for the thread pool
  log.info('app.stopped')
  process.emit('exit', 0)
  await log.flush()
  console.log(readFileSync(join(process.argv[1], 'cashier.log'), 'utf8').trim().split('\\n').length)
})()`
    const children = Array.from({ length: 8 }, () =>
      run(process.execPath, [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        script,
        mkdtempSync(join(tmpdir(), 'pos-log-exit-')),
      ]),
    )
    const lines = (await Promise.all(children)).map((c) => c.stdout.trim())
    expect(lines).toEqual(Array(8).fill('51'))
  })
})
