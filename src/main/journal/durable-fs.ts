/** Small synchronous file-system steps with the durability the journal relies on. */
import {
  closeSync,
  fdatasyncSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'

/** Writes all of `buf` at the fd's position (O_APPEND: the end), looping over short writes. */
export function writeAll(fd: number, buf: Uint8Array): void {
  let off = 0
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off)
}

/**
 * Makes a directory's entries (a created or renamed file) durable. Windows cannot open a
 * directory for fsync; there NTFS journals the rename itself, so a failure here is ignored.
 */
export function fsyncDir(dir: string): void {
  let fd: number
  try {
    fd = openSync(dir, 'r')
  } catch {
    return
  }
  try {
    fsyncSync(fd)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw err
  } finally {
    closeSync(fd)
  }
}

/**
 * Replaces `dir/name` with `text` atomically: a crash leaves either the old or the new content,
 * never a mix. Temp file in the same directory, fsync, rename over, fsync the directory.
 */
export function replaceFileSync(dir: string, name: string, text: string, fsync: boolean): void {
  const final = join(dir, name)
  const temp = join(dir, `${name}.${process.pid}.tmp`)
  const fd = openSync(temp, 'w', 0o600)
  try {
    writeAll(fd, Buffer.from(text, 'utf8'))
    if (fsync) fdatasyncSync(fd)
  } catch (err) {
    closeSync(fd)
    rmSync(temp, { force: true })
    throw err
  }
  closeSync(fd)
  try {
    renameSync(temp, final)
  } catch (err) {
    rmSync(temp, { force: true })
    throw err
  }
  if (fsync) fsyncDir(dir)
}
