/**
 * The order-id sequence. `sequence.json` ({"v":1,"next":N}) promises that no sequence >= N was
 * ever handed out. Sequences are reserved in blocks, so a crash can skip numbers (a gap of at
 * most one block) but never hand one out twice; a clean close writes back the exact next number,
 * so a normal restart leaves no gap. Recorded sales count too: the next sequence is always above
 * every sequence in the journal, even if this file was lost.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from '../log/logger'
import { replaceFileSync } from './durable-fs'

export const SEQUENCE_FILE = 'sequence.json'

export interface SequenceFile {
  /** The next sequence to hand out; reserves a new block durably when needed. */
  take(): number
  /** A sequence seen in a recorded sale (the next one handed out will be above it). */
  observe(sequence: number): void
  /** Writes the exact next number, so a clean restart skips nothing. */
  close(): void
}

export function openSequenceFile(opts: {
  dir: string
  fsync: boolean
  log: Logger
  /** Highest sequence found in the journal (0 when empty). */
  highestRecorded: number
  block?: number
}): SequenceFile {
  const { dir, fsync, log } = opts
  const block = opts.block ?? 100
  let persisted = 0 // sequences >= persisted were never handed out
  try {
    const raw = JSON.parse(readFileSync(join(dir, SEQUENCE_FILE), 'utf8')) as unknown
    const n = (raw as { next?: unknown } | null)?.next
    if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 1) persisted = n
    else log.warn('journal.sequence-file-invalid')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      log.warn('journal.sequence-file-unreadable', { err })
    }
  }
  let next = Math.max(persisted, opts.highestRecorded + 1, 1)

  const persist = (value: number): void => {
    replaceFileSync(dir, SEQUENCE_FILE, `${JSON.stringify({ v: 1, next: value })}\n`, fsync)
    persisted = value
  }

  return {
    take() {
      if (next >= persisted) persist(next + block)
      return next++
    },
    observe(sequence) {
      if (sequence >= next) next = sequence + 1
    },
    close() {
      if (next !== persisted) persist(next)
    },
  }
}
