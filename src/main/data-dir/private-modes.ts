import { chmodSync, lstatSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const PRIVATE_FILE_MODE = 0o600
const PRIVATE_DIR_MODE = 0o700

/**
 * Makes the data folder readable by its owner only: files 0600, folders 0700, at any depth.
 * Sales, settings and logs say what a shop sold and to whom it is paired; nobody else on the
 * machine needs them. New files are created with these modes where they are made; this sweep at
 * start fixes folders from older versions and anything a library made with the default umask.
 * Symbolic links and sockets (Chromium keeps some in Electron's folder) are left alone: chmod
 * would follow a link out of the folder.
 */
export function makeDataDirPrivate(dir: string): void {
  chmodSync(dir, PRIVATE_DIR_MODE)
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    try {
      if (entry.isDirectory()) makeDataDirPrivate(path)
      else if (entry.isFile() && (lstatSync(path).mode & 0o777) !== PRIVATE_FILE_MODE)
        chmodSync(path, PRIVATE_FILE_MODE)
    } catch (err) {
      // Gone since the listing (a temporary file): nothing left to protect.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
  }
}
