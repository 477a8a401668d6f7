import { appendFile, appendFileSync, close, fstatSync, mkdirSync, open, openSync } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { LogFields, Logger } from './logger'
import { createNoisyEventGate } from './noisy-events'
import { redact, redactString } from './redact'

const openFd = promisify(open)
const closeFd = promisify(close)
const appendFd = promisify(appendFile) as (fd: number, text: string) => Promise<void>

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
 * yet in the file is written synchronously, so nothing logged before it is lost.
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
  let fd: number | null = openSync(path, 'a', 0o600)
  /** Bytes in the current file, including the batch being written. */
  let size = fstatSync(fd).size
  let queued: string[] = []
  /** The batch on its way to the file, and the file's size before it (see `writeRestNow`). */
  let inFlight: { text: string; sizeBefore: number } | null = null
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
    } finally {
      size = 0
    }
  }

  async function writeQueued(): Promise<void> {
    while (queued.length > 0) {
      // A batch stops where the file would pass maxBytes; the next one starts a new file.
      let bytes = 0
      let n = 0
      while (n < queued.length) {
        const b = Buffer.byteLength(queued[n] as string)
        if (size + bytes > 0 && size + bytes + b > maxBytes) break
        bytes += b
        n++
      }
      if (n === 0) {
        await rotate()
        continue
      }
      const text = queued.slice(0, n).join('')
      queued = queued.slice(n)
      inFlight = { text, sizeBefore: size }
      size += bytes
      try {
        fd ??= await openFd(path, 'a', 0o600)
        await appendFd(fd, text)
      } catch {
        // A full disk must not take the till down with it.
      } finally {
        inFlight = null
      }
    }
  }

  function start(): void {
    // At once, not from the next turn: a batch still in flight at exit can land after
    // writeRestNow has written it again, and a whole turn's lines in flight made that likely
    // (the exit test below caught it doubled).
    running ??= writeQueued().finally(() => {
      running = null
      if (queued.length > 0) start()
    })
  }

  /** At exit: the batch in flight (if the file does not have it yet) and the rest, now. */
  function writeRestNow(): void {
    let rest = queued.join('')
    queued = []
    if (inFlight) {
      let landed = 0
      try {
        if (fd !== null) landed = fstatSync(fd).size - inFlight.sizeBefore
      } catch {
        // closed meanwhile: write it again rather than lose it
      }
      const missing = Buffer.from(inFlight.text).subarray(Math.max(0, landed))
      rest = missing.toString() + rest
    }
    if (rest === '') return
    try {
      // Mid-rotation no file may be open: the path then takes the lines.
      appendFileSync(fd ?? path, rest, { mode: 0o600 })
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
