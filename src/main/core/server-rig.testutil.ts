import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach } from 'vitest'
import { startBtcpayTestServer, type TestServer } from '../../../e2e/btcpay-test-server'
import {
  createMemoryVaultForTests,
  type MemoryVaultForTests,
} from '../keychain/memory-vault.testutil'
import { memorySettingsBackend } from '../settings/memory-settings.testutil'
import type { CoreDeps } from './create-core'
import { makeTestCore } from './test-core.testutil'

/**
 * What the tests of the real core against the BTCPay test server share, made anew for each test:
 * the server on loopback, a data folder with real files, and a memory keychain and settings that
 * outlive a core, so a second core on them is the till restarted. `core()` makes a core on them;
 * every core made is stopped after the test, then the server closed and the folder removed.
 * Registers its own beforeEach and afterEach.
 */
export function serverRig(folderPrefix: string) {
  const rig = {
    server: undefined as unknown as TestServer,
    vault: undefined as unknown as MemoryVaultForTests,
    dataDir: '',
    settingsBackend: memorySettingsBackend(),
    cores: [] as ReturnType<typeof makeTestCore>[],
    core(overrides: Partial<CoreDeps> = {}) {
      const core = makeTestCore({
        dataDir: rig.dataDir,
        vault: rig.vault,
        settingsBackend: rig.settingsBackend,
        ...overrides,
      })
      rig.cores.push(core)
      return core
    },
  }
  beforeEach(async () => {
    rig.server = await startBtcpayTestServer()
    rig.vault = createMemoryVaultForTests()
    rig.dataDir = mkdtempSync(join(tmpdir(), folderPrefix))
    rig.settingsBackend = memorySettingsBackend()
  })
  afterEach(async () => {
    for (const core of rig.cores.splice(0)) await core.stop()
    await rig.server.close()
    rmSync(rig.dataDir, { recursive: true, force: true })
  })
  return rig
}
