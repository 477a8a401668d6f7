import { readFileSync } from 'node:fs'
import { rename, writeFile } from 'node:fs/promises'
import { z } from 'zod'
import type { Logger } from '../log/logger'

export type PinAttempts = { failures: number; retryAfter: number }

const attemptsSchema = z.strictObject({
  failures: z.number().int().nonnegative(),
  retryAfter: z.number().nonnegative(),
})

/**
 * The wrong-PIN count and the wait, in a small file in the data folder, so restarting the till
 * does not give a guesser a fresh set of tries. Not a secret; but a file that exists and cannot
 * be read counts as the longest wait (fail closed), never as "no failures".
 */
export function createPinAttemptsFile(opts: {
  path: string
  log: Logger
  /** What to assume when the file is unreadable. */
  worstCase: () => PinAttempts
}) {
  return {
    read(): PinAttempts {
      let text: string
      try {
        text = readFileSync(opts.path, 'utf8')
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { failures: 0, retryAfter: 0 }
        opts.log.error('manager.pin-attempts-unreadable', { err })
        return opts.worstCase()
      }
      const parsed = attemptsSchema.safeParse(safeJson(text))
      if (parsed.success) return parsed.data
      opts.log.error('manager.pin-attempts-damaged')
      return opts.worstCase()
    },
    /** Written to a temporary file and renamed, so a crash leaves the old or the new count. */
    async write(attempts: PinAttempts): Promise<void> {
      const temp = `${opts.path}.tmp`
      await writeFile(temp, JSON.stringify(attempts), { mode: 0o600 })
      await rename(temp, opts.path)
    },
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
