import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import lockfile from 'proper-lockfile'
import type { Logger } from '../log/logger'

/** proper-lockfile makes `<dir>/terminal.lock` (a directory: mkdir is atomic on every OS). */
const LOCK_NAME = 'terminal'
/** Who holds the folder, for the second instance's message; not part of the lock itself. */
const OWNER_FILE = 'terminal.lock-owner.json'
/** A crashed holder stops touching the lock; after this long the folder is free again. */
const STALE_MS = 10_000

export type DataDirLock = { release(): Promise<void> }

type Owner = { pid: number; host: string; since: string; app: string }

export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError'
}

/**
 * One terminal per data folder: two on one folder hand out the same order ids and compact each
 * other's journal away. Held for the life of the process and refreshed every few seconds, so a
 * crashed holder (kill -9, power cut) frees the folder by itself after STALE_MS.
 * Both hosts take it before anything else touches the folder.
 */
export async function lockDataDir(opts: {
  dataDir: string
  app: string
  log?: Logger
}): Promise<DataDirLock> {
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 })
  const target = join(opts.dataDir, LOCK_NAME)
  let release: () => Promise<void>
  try {
    release = await lockfile.lock(opts.dataDir, {
      lockfilePath: `${target}.lock`,
      realpath: false,
      stale: STALE_MS,
      retries: 0,
      // Another process took the folder (our refresh stalled past STALE_MS): going on would
      // corrupt the journal, so stop here.
      onCompromised: (err) => {
        opts.log?.error('data-dir.lock-lost', { err })
        throw err
      },
    })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err
    throw new DataDirInUseError(
      `The data folder ${opts.dataDir} is in use by ${describeOwner(opts.dataDir)}. ` +
        'Close that terminal first, or start this one with another --data-dir.',
    )
  }
  chmodSync(`${target}.lock`, 0o700)
  const owner: Owner = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    app: opts.app,
  }
  writeFileSync(join(opts.dataDir, OWNER_FILE), JSON.stringify(owner), { mode: 0o600 })
  return { release }
}

function describeOwner(dataDir: string): string {
  try {
    const o = JSON.parse(readFileSync(join(dataDir, OWNER_FILE), 'utf8')) as Owner
    return `${o.app} (process ${o.pid} on ${o.host}, since ${o.since})`
  } catch {
    return 'another process (it has not said which yet)'
  }
}
