/**
 * Small file-system steps with the durability the journal relies on. All asynchronous (libuv's
 * thread pool does the waiting), so the main process's event loop never blocks on the disk.
 */
import { close, fdatasync, fsync as fsyncFd, ftruncate, open, write } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

// The callback API wrapped once: cheaper per call than fs.promises' FileHandle objects.
export const openFd = promisify(open)
export const closeFd = promisify(close)
export const datasyncFd = promisify(fdatasync)
export const truncateFd = promisify(ftruncate)
const syncFd = promisify(fsyncFd)
const writeFd = promisify(
  (
    fd: number,
    buf: Uint8Array,
    off: number,
    len: number,
    cb: (e: Error | null, n: number) => void,
  ) => write(fd, buf, off, len, null, cb),
)

/** Writes all of `buf` at the fd's position (O_APPEND: the end), looping over short writes. */
export async function writeAll(fd: number, buf: Uint8Array): Promise<void> {
  let off = 0
  while (off < buf.length) off += await writeFd(fd, buf, off, buf.length - off)
}

/**
 * Makes a directory's entries (a created or renamed file) durable. Windows cannot open a
 * directory for fsync; there NTFS journals the rename itself, so a failure here is ignored.
 */
export async function fsyncDir(dir: string): Promise<void> {
  let fd: number
  try {
    fd = await openFd(dir, 'r')
  } catch {
    return
  }
  try {
    await syncFd(fd)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw err
  } finally {
    await closeFd(fd)
  }
}

/**
 * Replaces `dir/name` with `text` atomically: a crash leaves either the old or the new content,
 * never a mix. Temp file in the same directory, fdatasync, rename over, fsync the directory.
 */
export async function replaceFile(
  dir: string,
  name: string,
  text: string,
  fsync: boolean,
): Promise<void> {
  const final = join(dir, name)
  const temp = join(dir, `${name}.${process.pid}.tmp`)
  const fd = await openFd(temp, 'w', 0o600)
  try {
    await writeAll(fd, Buffer.from(text, 'utf8'))
    if (fsync) await datasyncFd(fd)
  } catch (err) {
    await closeFd(fd)
    await rm(temp, { force: true })
    throw err
  }
  await closeFd(fd)
  try {
    await rename(temp, final)
  } catch (err) {
    await rm(temp, { force: true })
    throw err
  }
  if (fsync) await fsyncDir(dir)
}

/** The last write queued for each file (by path); gone once the file's queue is empty. */
const turns = new Map<string, Promise<void>>()

/**
 * Runs `task` once every task queued before it for the same file has finished (fulfilled or
 * not): the small stores outside the journal (receipts' payment records, shifts) read their
 * state and replace their file inside one turn, so two changes to one file can neither
 * interleave (they share a temp file name) nor land in the wrong order, nor work from a state
 * the other is about to replace.
 */
export function inFileTurn<T>(path: string, task: () => Promise<T>): Promise<T> {
  const before = turns.get(path) ?? Promise.resolve()
  const mine = before.then(task)
  const tail = mine.then(
    () => undefined,
    () => undefined,
  )
  turns.set(path, tail)
  void tail.then(() => {
    if (turns.get(path) === tail) turns.delete(path)
  })
  return mine
}
