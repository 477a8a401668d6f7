import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { LogFields, Logger } from './logger'
import { createNoisyEventGate } from './noisy-events'
import { redact, redactString } from './redact'

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

/**
 * JSON-lines logger writing to a rotating file in the data folder. Every line goes through the
 * redactor; writes are synchronous so the last lines before a crash are on disk.
 */
export function createFileLogger(opts: FileLoggerOptions): Logger & { readonly path: string } {
  const fileName = opts.fileName ?? 'cashier.log'
  const maxBytes = opts.maxBytes ?? 1_000_000
  const keep = opts.keep ?? 3
  const min = order[opts.level ?? 'info']
  const now = opts.now ?? (() => new Date())
  mkdirSync(opts.dir, { recursive: true, mode: 0o700 })
  const path = join(opts.dir, fileName)
  let size = existsSync(path) ? statSync(path).size : 0

  const rotate = () => {
    rmSync(`${path}.${keep}`, { force: true })
    for (let i = keep - 1; i >= 1; i--) {
      if (existsSync(`${path}.${i}`)) renameSync(`${path}.${i}`, `${path}.${i + 1}`)
    }
    if (existsSync(path)) renameSync(path, `${path}.1`)
    size = 0
  }

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
    if (size > 0 && size + line.length > maxBytes) rotate()
    try {
      appendFileSync(path, line, { mode: 0o600 })
      size += Buffer.byteLength(line)
    } catch {
      // A full disk must not take the till down with it.
    }
    if (opts.echo) process.stderr.write(line)
  }

  return {
    path,
    debug: (e, f) => write('debug', e, f),
    info: (e, f) => write('info', e, f),
    warn: (e, f) => write('warn', e, f),
    error: (e, f) => write('error', e, f),
  }
}
