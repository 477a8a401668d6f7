/**
 * One day file of the journal: reading it back (tolerating a torn last line and garbage lines)
 * and appending to it through a kept-open descriptor: one write + fdatasync per group of lines.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import { fstat } from 'node:fs'
import { dirname } from 'node:path'
import { promisify } from 'node:util'
import { closeFd, datasyncFd, fsyncDir, openFd, truncateFd, writeAll } from './durable-fs'
import { decodeLine, type JournalLine } from './line-codec'

const statFd = promisify(fstat)

export interface BadLine {
  line: number
  text: string
}

export interface DayFileContent {
  entries: JournalLine[]
  /** Lines that were not valid journal lines (skipped): 1-based number and text. */
  badLines: BadLine[]
  /**
   * Bytes after the last newline: a write cut short by a crash. 'kept' when they still form a
   * complete journal line (its newline is missing), 'dropped' otherwise.
   */
  tail: 'clean' | 'kept' | 'dropped'
  /** Length in bytes of the complete lines (where a torn tail starts). */
  completeBytes: number
  lineCount: number
}

/** Parses the bytes of a day file, tolerating a torn last line and garbage lines. */
export function parseDayFile(buf: Buffer): DayFileContent {
  const end = buf.lastIndexOf(10) + 1
  const { entries, badLines, lineCount } = parseLines(buf, end)
  let tail: DayFileContent['tail'] = 'clean'
  if (end < buf.length) {
    const text = buf.toString('utf8', end).replace(/^[\0\s]+/, '')
    const entry = text === '' ? null : decodeLine(text)
    if (entry) {
      entries.push(entry)
      tail = 'kept'
    } else tail = 'dropped'
  }
  return {
    entries,
    badLines,
    tail,
    completeBytes: end,
    lineCount: lineCount + (tail === 'kept' ? 1 : 0),
  }
}

/**
 * Makes a torn tail harmless for later appends: a kept last line gets its newline, anything
 * else after the last newline is cut off.
 */
export async function repairDayFile(
  path: string,
  content: DayFileContent,
  fsync: boolean,
): Promise<void> {
  if (content.tail === 'clean') return
  const fd = await openFd(path, 'a')
  try {
    if (content.tail === 'kept') await writeAll(fd, Buffer.from('\n'))
    else await truncateFd(fd, content.completeBytes)
    if (fsync) await datasyncFd(fd)
  } finally {
    await closeFd(fd)
  }
}

/**
 * The complete lines in `buf[0, end)`. Each line is decoded from its own bytes: about half the
 * time of decoding the whole file into one string and splitting it (a byte 10 is always a line
 * break in UTF-8, so the lines are the same).
 */
function parseLines(
  buf: Buffer,
  end: number,
): { entries: JournalLine[]; badLines: BadLine[]; lineCount: number } {
  const entries: JournalLine[] = []
  const badLines: BadLine[] = []
  let lineCount = 0
  for (let start = 0; start < end;) {
    const nl = buf.indexOf(10, start)
    const line = buf.toString('utf8', start, nl)
    start = nl + 1
    lineCount++
    // One parser call per line is faster in V8 than one call for the file as an array.
    const text = line.charCodeAt(0) === 0 ? line.replace(/^\0+/, '') : line
    const entry = decodeLine(text)
    if (entry) entries.push(entry)
    else badLines.push({ line: lineCount, text })
  }
  return { entries, badLines, lineCount }
}

export class JournalWriteError extends Error {
  override readonly name = 'JournalWriteError'
}

export interface AppendFile {
  readonly path: string
  /**
   * Appends `text` (whole lines) durably. `onWritten` runs once the bytes are in the operating
   * system's hands (they survive the app being killed), before the fdatasync that makes them
   * survive a power cut. On failure nothing of it stays in the file.
   */
  append(text: string, onWritten?: () => void): Promise<void>
  close(): Promise<void>
}

/**
 * Opens (creating if needed) a day file for appending. `header` is written before the first
 * line of an empty file, in the same write. Appends must not overlap (the journal's writer runs
 * one at a time): the undo of a failed one truncates to the length before it.
 */
export async function openAppendFile(
  path: string,
  header: string,
  fsync: boolean,
): Promise<AppendFile> {
  const fd = await openFd(path, 'a', 0o600)
  let size: number
  try {
    size = (await statFd(fd)).size
  } catch (err) {
    await closeFd(fd)
    throw err
  }
  let dirSynced = size > 0
  let broken: unknown = null
  let closed = false

  return {
    path,
    async append(text, onWritten) {
      if (closed) throw new JournalWriteError(`journal file closed: ${path}`)
      if (broken) throw new JournalWriteError(`journal file unwritable after an error: ${path}`)
      const buf = Buffer.from(size === 0 ? header + text : text, 'utf8')
      try {
        await writeAll(fd, buf)
        if (onWritten) {
          onWritten()
          // The fdatasync is asked for from the next turn of the event loop: what waited for the
          // write (a charge's invoice request) goes out first, without a thread-pool request
          // ahead of it.
          await nextTurn()
        }
        if (fsync) await datasyncFd(fd)
      } catch (err) {
        // Take back whatever reached the file, so the file matches what callers were told.
        try {
          await truncateFd(fd, size)
          if (fsync) await datasyncFd(fd)
        } catch (undoErr) {
          broken = undoErr
        }
        throw err
      }
      size += buf.length
      if (!dirSynced && fsync) {
        await fsyncDir(dirname(path))
        dirSynced = true
      }
    },
    async close() {
      if (closed) return
      closed = true
      await closeFd(fd)
    },
  }
}
