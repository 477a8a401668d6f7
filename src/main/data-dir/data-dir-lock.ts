import { chmodSync, mkdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import lockfile from 'proper-lockfile'
import type { Logger } from '../log/logger'

/** proper-lockfile's lock: a directory, because mkdir is atomic on every OS. */
const LOCK_NAME = 'terminal.lock'
/** Who holds the folder: for the second instance's message and to notice a dead holder. */
const OWNER_FILE = 'terminal.lock-owner.json'
/** A holder that stopped refreshing the lock (hung, or on another machine) frees it after this. */
const STALE_MS = 10_000

export type DataDirLock = { release(): Promise<void> }

/** `lockIno` ties the record to one lock directory: a newer holder's lock has another inode. */
type Owner = { pid: number; host: string; since: string; app: string; lockIno: number }

export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError'
}

/**
 * One terminal per data folder: two on one folder hand out the same order ids and compact each
 * other's journal away. Held for the life of the process and refreshed every few seconds. A
 * holder that crashed on this machine (kill -9, power cut) is noticed at once by its process id;
 * otherwise the lock counts as stale after STALE_MS. Both hosts take it before anything else
 * touches the folder.
 */
export async function lockDataDir(opts: {
  dataDir: string
  app: string
  log?: Logger
}): Promise<DataDirLock> {
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 })
  const lockPath = join(opts.dataDir, LOCK_NAME)
  const ownerPath = join(opts.dataDir, OWNER_FILE)
  const take = () =>
    lockfile.lock(opts.dataDir, {
      lockfilePath: lockPath,
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

  let release: () => Promise<void>
  try {
    release = await take()
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err
    const owner = readOwner(ownerPath)
    if (!owner || !isDeadHolder(owner, lockPath)) throw inUse(opts.dataDir, owner)
    opts.log?.warn('data-dir.dead-holder', { pid: owner.pid })
    rmdirSync(lockPath)
    // Two instances started in the same instant after a crash could both get here; the second
    // mkdir fails, except in a window of microseconds (proper-lockfile's stale path has the same).
    release = await take().catch((again: unknown) => {
      throw (again as NodeJS.ErrnoException).code === 'ELOCKED'
        ? inUse(opts.dataDir, readOwner(ownerPath))
        : again
    })
  }
  chmodSync(lockPath, 0o700)
  const owner: Owner = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    app: opts.app,
    lockIno: statSync(lockPath).ino,
  }
  writeFileSync(ownerPath, JSON.stringify(owner), { mode: 0o600 })
  return { release }
}

function readOwner(path: string): Owner | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Owner
  } catch {
    return null
  }
}

/** The lock directory is the one this record was written for, and its process is gone. */
function isDeadHolder(owner: Owner, lockPath: string): boolean {
  if (owner.host !== hostname() || owner.pid === process.pid) return false
  try {
    if (statSync(lockPath).ino !== owner.lockIno) return false
    process.kill(owner.pid, 0)
    return false
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

function inUse(dataDir: string, owner: Owner | null): DataDirInUseError {
  const who = owner
    ? `${owner.app} (process ${owner.pid} on ${owner.host}, since ${owner.since})`
    : 'another process (it has not said which yet)'
  return new DataDirInUseError(
    `The data folder ${dataDir} is in use by ${who}. ` +
      'Close that terminal first, or start this one with another --data-dir.',
  )
}
