import { readFile, rm } from 'node:fs/promises'
import { say, type Sentence } from '../../shared/ipc/sentence'
import type { ApiKeyService } from '../api-key/api-key-service'
import { wordsOf } from '../ipc/app-errors'
import type { Logger } from '../log/logger'
import type { ManagerLock } from '../manager/manager-lock'
import type { PairingService } from '../pairing/pairing-service'
import type { SettingsStore } from '../settings/settings-store'
import { parseProvisioning } from './provisioning-file'

/** `words` for the manager's screen, in the till's language; `message`, their English, for logs. */
export type ProvisioningOutcome = { ok: boolean; message: string; words: Sentence[]; at: number }

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
  const outcome = (ok: boolean, words: Sentence[], message: string): ProvisioningOutcome => {
    log[ok ? 'info' : 'warn']('provisioning.result', { ok, message })
    return { ok, message, words, at: now() }
  }
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return outcome(
      false,
      [say('provisioning.unreadable', { file })],
      `The provisioning file ${file} could not be read.`,
    )
  }
  const parsed = parseProvisioning(text)
  if (!parsed.ok)
    return outcome(
      false,
      [say('provisioning.invalid', { text: parsed.problems.slice(0, 2000) })],
      parsed.message,
    )
  const p = parsed.value

  const connection = pairing.connection()
  if (connection.status === 'paired') {
    return outcome(
      false,
      [say('provisioning.already-paired', { url: connection.server.url })],
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
      [say('provisioning.not-paired'), ...wordsOf(err)],
      `Provisioning could not pair the terminal: ${err instanceof Error ? err.message : String(err)}`,
    )
  }
  settings.update({ terminalLabel: p.terminalLabel, currency: p.defaultCurrency, kiosk: p.kiosk })
  await manager.setHash(p.managerPinHash)
  // The key is checked with the server; a refused key leaves the pairing done and says so.
  let keyNote = ''
  let keyWords: Sentence[] = []
  if (p.greenfieldApiKey) {
    try {
      await apiKeys.pasteApiKey({ serverUrl: p.serverUrl, apiKey: p.greenfieldApiKey })
    } catch (err) {
      keyNote = ` The API key in the file was not accepted: ${err instanceof Error ? err.message : String(err)}`
      keyWords = [say('provisioning.key-refused'), ...wordsOf(err)]
    }
  }
  if (opts.deleteAfterUse) await rm(file, { force: true })
  return outcome(
    true,
    [say('provisioning.done', { label: p.terminalLabel, url: p.serverUrl }), ...keyWords],
    `Provisioned as "${p.terminalLabel}" and paired with ${p.serverUrl}.${keyNote}`,
  )
}
