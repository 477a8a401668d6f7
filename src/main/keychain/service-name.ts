import { createHash } from 'node:crypto'
import { resolve } from 'node:path'
import { DEFAULT_KEYCHAIN_SERVICE } from './keytar-vault'

/**
 * Keychain service name for a data folder. Each data folder (a desktop install, a `--data-dir`
 * run of the browser host) gets its own identity, so isolated runs never share a key.
 */
export function keychainServiceFor(dataDir: string): string {
  const digest = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 12)
  return `${DEFAULT_KEYCHAIN_SERVICE}.${digest}`
}
