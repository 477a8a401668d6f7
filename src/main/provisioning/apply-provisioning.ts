import { readFile, rm } from 'node:fs/promises'
import type { ApiKeyService } from '../api-key/api-key-service'
import type { Logger } from '../log/logger'
import type { ManagerLock } from '../manager/manager-lock'
import type { PairingService } from '../pairing/pairing-service'
import type { SettingsStore } from '../settings/settings-store'
import { parseProvisioning } from './provisioning-file'

export type ProvisioningOutcome = { ok: boolean; message: string; at: number }

/**
 * Applies a provisioning file: pairs with the code first, and only when that worked writes the
 * label, currency, kiosk mode and manager PIN, so a failure changes nothing. A file found in the
 * data folder is deleted once it worked, so its pairing code is not kept; a file named with
 * --provision belongs to the manager and is left where it is.
 */
export async function applyProvisioning(opts: {
  file: string
  deleteAfterUse: boolean
  pairing: PairingService
  settings: SettingsStore
  manager: ManagerLock
  apiKeys: ApiKeyService
  log: Logger
  now: () => number
}): Promise<ProvisioningOutcome> {
  const { file, pairing, settings, manager, apiKeys, log, now } = opts
  const outcome = (ok: boolean, message: string): ProvisioningOutcome => {
    log[ok ? 'info' : 'warn']('provisioning.result', { ok, message })
    return { ok, message, at: now() }
  }
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return outcome(false, `The provisioning file ${file} could not be read.`)
  }
  const parsed = parseProvisioning(text)
  if (!parsed.ok) return outcome(false, parsed.message)
  const p = parsed.value

  const connection = pairing.connection()
  if (connection.status === 'paired') {
    return outcome(
      false,
      `Already paired with ${connection.server.url}; the provisioning file was not applied. Unpair first to use it.`,
    )
  }
  try {
    await pairing.pairWithCode({
      serverUrl: p.serverUrl,
      pairingCode: p.pairingCode,
      label: p.terminalLabel,
    })
  } catch (err) {
    return outcome(
      false,
      `Provisioning could not pair the terminal: ${err instanceof Error ? err.message : String(err)}`,
    )
  }
  settings.update({ terminalLabel: p.terminalLabel, currency: p.defaultCurrency, kiosk: p.kiosk })
  await manager.setHash(p.managerPinHash)
  // The key is checked with the server; a refused key leaves the pairing done and says so.
  let keyNote = ''
  if (p.greenfieldApiKey) {
    try {
      await apiKeys.pasteApiKey({ serverUrl: p.serverUrl, apiKey: p.greenfieldApiKey })
    } catch (err) {
      keyNote = ` The API key in the file was not accepted: ${err instanceof Error ? err.message : String(err)}`
    }
  }
  if (opts.deleteAfterUse) await rm(file, { force: true })
  return outcome(
    true,
    `Provisioned as "${p.terminalLabel}" and paired with ${p.serverUrl}.${keyNote}`,
  )
}
