import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore, type CoreDeps } from './create-core'
import { createMemoryVaultForTests } from '../keychain/memory-vault.testutil'
import { silentLogger } from '../log/logger'
import { memorySettingsBackend } from '../settings/memory-settings.testutil'

/** A core on test doubles (memory keychain and settings) for unit tests of the IPC layer. */
export function makeTestCore(overrides: Partial<CoreDeps> = {}) {
  return createCore({
    host: 'browser',
    appName: 'test',
    appVersion: '0.0.0',
    dataDir: mkdtempSync(join(tmpdir(), 'pos-core-')),
    // A fresh folder per core; the folder lock has its own tests with real processes.
    dataDirLock: { release: async () => {} },
    settingsBackend: memorySettingsBackend(),
    vault: createMemoryVaultForTests(),
    log: silentLogger,
    ...overrides,
  })
}
