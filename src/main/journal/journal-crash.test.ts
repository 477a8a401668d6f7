import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createJournal } from './journal'

const repoRoot = resolve(import.meta.dirname, '../../..')
const child = resolve(import.meta.dirname, 'crash-child.testutil.ts')
const dir = mkdtempSync(join(tmpdir(), 'journal-crash-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Round {
  seqs: number[]
  recorded: Array<{ id: string; seq: number; orderId: string }>
  updated: Map<string, number>
}

/** Runs the child until it has confirmed some writes, then kills it with SIGKILL after `delayMs`. */
function runAndKill(delayMs: number): Promise<Round> {
  return new Promise((done, fail) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, dir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    let armed = false
    p.stdout.setEncoding('utf8')
    p.stdout.on('data', (chunk: string) => {
      out += chunk
      if (!armed && out.includes('ready\n')) {
        armed = true
        setTimeout(() => p.kill('SIGKILL'), delayMs)
      }
    })
    p.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    p.on('error', fail)
    p.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return fail(new Error(`child exited on its own: ${err}`))
      const round: Round = { seqs: [], recorded: [], updated: new Map() }
      const lines = out.split('\n')
      lines.pop() // a line cut short by the kill says nothing
      for (const line of lines) {
        const [kind, a, b, c] = line.split(' ')
        if (kind === 'seq') round.seqs.push(Number(a))
        if (kind === 'rec') round.recorded.push({ id: a!, seq: Number(b), orderId: c! })
        if (kind === 'upd') round.updated.set(a!, Number(b))
      }
      done(round)
    })
  })
}

describe('journal under kill -9', () => {
  it('keeps every confirmed sale and update, and never reuses a sequence', async () => {
    const all: Round['recorded'] = []
    const handedOut: number[] = []
    for (let round = 0; round < 6; round++) {
      const r = await runAndKill(50 + Math.floor(Math.random() * 400))
      all.push(...r.recorded)
      handedOut.push(...r.seqs)

      const warnings: string[] = []
      const log = {
        debug() {},
        info() {},
        warn: (event: string) => warnings.push(event),
        error: (event: string) => warnings.push(event),
      }
      const journal = createJournal({ dir, log, autoCompact: false })
      await journal.load()
      expect(warnings.filter((w) => w !== 'journal.torn-tail-repaired')).toEqual([])
      for (const s of all) {
        const got = journal.get(s.id)
        expect(got, `sale ${s.id} confirmed before the kill`).toBeDefined()
        expect(got?.orderId).toBe(s.orderId)
        expect(got?.sequence).toBe(s.seq)
        expect(journal.byOrderId(s.orderId)?.id).toBe(s.id)
      }
      for (const [id, rev] of r.updated) {
        expect(journal.get(id)?.rev, `update of ${id}`).toBeGreaterThanOrEqual(rev)
      }
      const sales = journal.list({ from: 0, to: Date.now() + 60_000, limit: 1_000_000 })
      expect(new Set(sales.map((s) => s.id)).size).toBe(sales.length)
      expect(new Set(sales.map((s) => s.sequence)).size).toBe(sales.length)
      expect(new Set(sales.map((s) => s.orderId)).size).toBe(sales.length)
      // The next sequence is above everything handed out, recorded or not.
      const next = (await journal.nextOrderId('T1')).sequence
      expect(next).toBeGreaterThan(Math.max(0, ...handedOut))
      await journal.close()
    }
    expect(all.length).toBeGreaterThan(6)
  }, 180_000)
})
