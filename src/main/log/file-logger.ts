import {
  appendFileSync,
  close,
  constants,
  fstat,
  fstatSync,
  mkdirSync,
  open,
  openSync,
  write,
  writeSync,
} from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { promisify } from 'node:util'
import type { LogFields, Logger } from './logger'
import { createNoisyEventGate } from './noisy-events'
import { redact, redactString } from './redact'

/**
 * Not O_APPEND: every batch is written at the offset it was given, so writing it again at exit
 * (see `writeRestNow`) puts the same bytes in the same place whether or not the first write has
 * landed meanwhile.
 */
const FLAGS = constants.O_WRONLY | constants.O_CREAT
const openFd = promisify(open)
const closeFd = promisify(close)
const fstatFd = promisify(fstat)
const writeFd = promisify(write) as (
  fd: number,
  bytes: Uint8Array,
  offset: number,
  length: number,
  position: number,
) => Promise<{ bytesWritten: number }>

/** Every logger's last write, run once when the process exits (one listener for all). */
const atExit = new Set<() => void>()
process.once('exit', () => {
  for (const writeRest of atExit) writeRest()
})

type Level = 'debug' | 'info' | 'warn' | 'error'
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export type FileLoggerOptions = {
  dir: string
  fileName?: string
  /** Rotate when the current file passes this size. */
  maxBytes?: number
  /** How many rotated files to keep besides the current one. */
  keep?: number
  level?: Level
  /** Also echo lines to stderr (development and the browser host). */
  echo?: boolean
  now?: () => Date
}

export type FileLogger = Logger & {
  readonly path: string
  /** Resolves once every line logged so far is in the file. */
  flush(): Promise<void>
}

/**
 * JSON-lines logger writing to a rotating file in the data folder. Every line goes through the
 * redactor. Lines are written in the background, in order, one write per batch: a log line never
 * waits on the disk on the event loop (it used to, one synchronous append per line, in the middle
 * of every charge). At a clean exit (`process.exit`, the end of the event loop) whatever is not
 * yet in the file is written synchronously, so nothing logged before it is lost, and nothing is
 * written twice: every batch has its offset in the file.
 */
export function createFileLogger(opts: FileLoggerOptions): FileLogger {
  const fileName = opts.fileName ?? 'cashier.log'
  const maxBytes = opts.maxBytes ?? 1_000_000
  const keep = opts.keep ?? 3
  const min = order[opts.level ?? 'info']
  const now = opts.now ?? (() => new Date())
  mkdirSync(opts.dir, { recursive: true, mode: 0o700 })
  const path = join(opts.dir, fileName)
  // Opened at start-up, synchronously, so the file is there from the first moment. null while
  // no file is open (a failed rotation): a closed descriptor's number may belong to another file.
  let fd: number | null = openSync(path, FLAGS, 0o600)
  /** Where the next batch goes: the bytes in the current file, including the batch in flight. */
  let size = fstatSync(fd).size
  let queued: string[] = []
  /** The batch on its way to the file, and where it goes (see `writeRestNow`). */
  let inFlight: { bytes: Buffer; at: number } | null = null
  let running: Promise<void> | null = null

  async function rotate(): Promise<void> {
    try {
      const closing = fd
      fd = null
      if (closing !== null) await closeFd(closing)
      await rm(`${path}.${keep}`, { force: true })
      for (let i = keep - 1; i >= 1; i--) {
        await rename(`${path}.${i}`, `${path}.${i + 1}`).catch(() => undefined)
      }
      await rename(path, `${path}.1`).catch(() => undefined)
    } catch {
      // Rotation is housekeeping: whatever failed, logging goes on in a fresh file if it can.
    }
    await reopen()
  }

  /** The file at `path` (new after a rotation, or the old one if its rename failed), at its end. */
  async function reopen(): Promise<void> {
    try {
      const opened = await openFd(path, FLAGS, 0o600)
      size = (await fstatFd(opened)).size
      fd = opened
    } catch {
      // tried again before the next batch
    }
  }

  async function writeAt(fileFd: number, bytes: Buffer, at: number): Promise<void> {
    let done = 0
    try {
      while (done < bytes.length) {
        const { bytesWritten } = await writeFd(fileFd, bytes, done, bytes.length - done, at + done)
        done += bytesWritten
      }
    } finally {
      // A write that failed part way (a full disk) leaves the next batch right after what landed,
      // not after a hole.
      if (done < bytes.length) size = at + done
    }
  }

  async function writeQueued(): Promise<void> {
    let rotated = false
    while (queued.length > 0) {
      if (fd === null) await reopen()
      // A batch stops where the file would pass maxBytes; the next one starts a new file.
      let bytes = 0
      let n = 0
      while (n < queued.length) {
        const b = Buffer.byteLength(queued[n] as string)
        if (size + bytes > 0 && size + bytes + b > maxBytes) break
        bytes += b
        n++
      }
      if (n === 0 && !rotated) {
        await rotate()
        rotated = true
        continue
      }
      // Still too full right after a rotation (its rename failed): the lines go on in that file.
      if (n === 0) n = queued.length
      rotated = false
      const batch = Buffer.from(queued.slice(0, n).join(''))
      queued = queued.slice(n)
      if (fd === null) continue // no file to be had: the lines are dropped, the till goes on
      inFlight = { bytes: batch, at: size }
      size += batch.length
      try {
        await writeAt(fd, batch, inFlight.at)
      } catch {
        // A full disk must not take the till down with it.
      } finally {
        inFlight = null
      }
    }
  }

  function start(): void {
    // From the next turn: a log line adds no disk request to the turn that wrote it (a charge's
    // request leaves first), and the lines of one turn go out as one write.
    running ??= nextTurn()
      .then(writeQueued)
      .finally(() => {
        running = null
        if (queued.length > 0) start()
      })
  }

  /**
   * At exit: the batch in flight again, at its own offset (the same bytes in the same place,
   * whether or not the thread pool's write has landed), then the rest after it.
   */
  function writeRestNow(): void {
    const rest = Buffer.from(queued.join(''))
    queued = []
    try {
      if (fd === null) {
        // Mid-rotation no file is open and nothing is in flight: the path takes the lines.
        if (rest.length > 0) appendFileSync(path, rest, { mode: 0o600 })
        return
      }
      if (inFlight) writeAllSync(fd, inFlight.bytes, inFlight.at)
      writeAllSync(fd, rest, size)
    } catch {
      // as above: never fail the exit
    }
  }
  atExit.add(writeRestNow)

  const gate = createNoisyEventGate()

  const write = (level: Level, event: string, fields?: LogFields) => {
    if (order[level] < min) return
    const at = now()
    const { write: admitted, suppressedBefore } = gate.admit(event, at.getTime())
    if (suppressedBefore > 0)
      append('warn', 'log.suppressed', at, { of: event, lines: suppressedBefore })
    if (admitted) append(level, event, at, fields)
  }

  const append = (level: Level, event: string, at: Date, fields?: LogFields) => {
    const line = `${JSON.stringify({ t: at.toISOString(), level, event: redactString(event), ...(fields ? (redact(fields) as object) : {}) })}\n`
    queued.push(line)
    start()
    if (opts.echo) process.stderr.write(line)
  }

  return {
    path,
    debug: (e, f) => write('debug', e, f),
    info: (e, f) => write('info', e, f),
    warn: (e, f) => write('warn', e, f),
    error: (e, f) => write('error', e, f),
    async flush() {
      while (running) await running
    },
  }
}

function writeAllSync(fd: number, bytes: Buffer, at: number): void {
  for (let done = 0; done < bytes.length;) {
    done += writeSync(fd, bytes, done, bytes.length - done, at + done)
  }
}
