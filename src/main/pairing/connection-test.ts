/**
 * "Test connection" in the Manager: the legacy API through the pairing and, when the till has a
 * Greenfield API key or charges with one, the key too, both at once. Each outcome is reported on
 * its own so the manager reads what works and what does not; a failure of one never hides the
 * other.
 */
import { say } from '../../shared/ipc/sentence'
import type { ConnectionTest } from '../../shared/terminal-state'
import type { ApiKeyService } from '../api-key/api-key-service'
import { wordsOf } from '../ipc/app-errors'
import type { SettingsStore } from '../settings/settings-store'
import type { PairingService } from './pairing-service'

const NO_KEY =
  'This till charges with a Greenfield API key but has none. Authorize one in Manager › API key.'

export async function testConnection(deps: {
  pairing: Pick<PairingService, 'testConnection'>
  apiKeys: Pick<ApiKeyService, 'testApiKey'>
  settings: Pick<SettingsStore, 'get'>
}): Promise<ConnectionTest> {
  const [legacy, greenfield] = await Promise.all([
    deps.pairing.testConnection().then(
      (r) => ({ ok: true as const, ...r }),
      (err: unknown) => ({
        ok: false as const,
        message: err instanceof Error ? err.message : String(err),
        words: wordsOf(err),
      }),
    ),
    deps.apiKeys.testApiKey(),
  ])
  const chargesWithKey = deps.settings.get().chargeVia === 'greenfield'
  return {
    legacy,
    greenfield:
      greenfield ??
      (chargesWithKey
        ? { ok: false, storeId: null, message: NO_KEY, words: [say('charge.needs-api-key')] }
        : null),
  }
}
