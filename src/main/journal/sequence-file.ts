/**
 * The order-id sequence. `sequence.json` ({"v":1,"next":N}) promises that no sequence >= N was
 * ever handed out. Sequences are reserved in blocks: a number is handed out only once a block
 * holding it is durable, so a crash can skip numbers (a gap of at most one block) but never hand
 * one out twice. The next block is reserved in the background when half of the current one is
 * used, so a charge does not wait for that write (it would only if a whole half block of charges
 * came faster than one atomic file replace). A clean close writes back the exact next number,
 * so a normal restart leaves no gap. Recorded sales count too: the next sequence is always above
 * every sequence in the journal, even if this file was lost.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from '../log/logger'
import { replaceFile } from './durable-fs'

export const SEQUENCE_FILE = 'sequence.json'

export interface SequenceFile {
  /** The next sequence to hand out; at once while the reserved block lasts. */
  take(): Promise<number>
  /** A sequence seen in a recorded sale (the next one handed out will be above it). */
  observe(sequence: number): void
  /** Writes the exact next number, so a clean restart skips nothing. */
  close(): Promise<void>
}

export async function openSequenceFile(opts: {
  dir: string
  fsync: boolean
  log: Logger
  /** Highest sequence found in the journal (0 when empty). */
  highestRecorded: number
  block?: number
}): Promise<SequenceFile> {
  const { dir, fsync, log } = opts
  const block = opts.block ?? 100
  let persisted = 0 // sequences >= persisted were never handed out
  try {
    const raw = JSON.parse(await readFile(join(dir, SEQUENCE_FILE), 'utf8')) as unknown
    const n = (raw as { next?: unknown } | null)?.next
    if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 1) persisted = n
    else log.warn('journal.sequence-file-invalid')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      log.warn('journal.sequence-file-unreadable', { err })
    }
  }
  let next = Math.max(persisted, opts.highestRecorded + 1, 1)
  let reserving: Promise<void> | null = null

  const persist = async (value: number): Promise<void> => {
    await replaceFile(dir, SEQUENCE_FILE, `${JSON.stringify({ v: 1, next: value })}\n`, fsync)
    persisted = value
  }
  /** One write at a time: two renames racing could leave the smaller number. */
  const reserve = (): Promise<void> =>
    (reserving ??= persist(next + block).finally(() => (reserving = null)))

  if (next >= persisted) await reserve()

  return {
    async take() {
      const seq = next++
      if (persisted - next < block / 2) {
        reserve().catch((err: unknown) => log.warn('journal.sequence-reserve-failed', { err }))
      }
      while (seq >= persisted) await reserve()
      return seq
    },
    observe(sequence) {
      if (sequence >= next) next = sequence + 1
    },
    async close() {
      await reserving?.catch(() => undefined)
      if (next !== persisted) await persist(next)
    },
  }
}
