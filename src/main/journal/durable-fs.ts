/**
 * Small file-system steps with the durability the journal relies on. All asynchronous (libuv's
 * thread pool does the waiting), so the main process's event loop never blocks on the disk.
 */
import {
  close,
  closeSync,
  fdatasync,
  fdatasyncSync,
  fsync as fsyncFd,
  fsyncSync,
  ftruncate,
  open,
  openSync,
  renameSync,
  rmSync,
  write,
  writeSync,
} from 'node:fs'
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

/**
 * replaceFile for the small synchronous stores outside the journal (receipts' payment records,
 * shifts), which count on "durable when it returns". It blocks the event loop for one fdatasync,
 * so those stores should move to replaceFile; the journal itself never uses it.
 */
export function replaceFileSync(dir: string, name: string, text: string, fsync: boolean): void {
  const final = join(dir, name)
  const temp = join(dir, `${name}.${process.pid}.tmp`)
  const fd = openSync(temp, 'w', 0o600)
  try {
    const buf = Buffer.from(text, 'utf8')
    for (let off = 0; off < buf.length;) off += writeSync(fd, buf, off, buf.length - off)
    if (fsync) fdatasyncSync(fd)
    closeSync(fd)
    renameSync(temp, final)
  } catch (err) {
    try {
      closeSync(fd)
    } catch {
      // already closed
    }
    rmSync(temp, { force: true })
    throw err
  }
  if (!fsync) return
  let dirFd: number
  try {
    dirFd = openSync(dir, 'r')
  } catch {
    return // Windows: see fsyncDir
  }
  try {
    fsyncSync(dirFd)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw err
  } finally {
    closeSync(dirFd)
  }
}
