import { platform } from 'node:os'
import type { AppInfo } from '../../shared/ipc/contract'
import type { Handlers } from '../ipc/dispatcher'
import { createEventHub } from '../ipc/event-hub'
import type { Logger } from '../log/logger'
import { createSettingsStore, type SettingsBackend } from '../settings/settings-store'

export type CoreDeps = {
  host: AppInfo['host']
  appName: string
  appVersion: string
  dataDir: string
  settingsBackend: SettingsBackend
  log: Logger
  now?: () => number
}

/**
 * Everything main does, built from injected dependencies. Both hosts (Electron and the browser
 * host) call this and differ only in the glue around it.
 */
export function createCore(deps: CoreDeps) {
  const now = deps.now ?? Date.now
  const startedAt = now()
  const events = createEventHub(deps.log)
  const settings = createSettingsStore(deps.settingsBackend)
  settings.onChange((s) => events.emit('settings:changed', s))

  const handlers: Handlers = {
    'app:get-info': async () => ({
      name: deps.appName,
      version: deps.appVersion,
      host: deps.host,
      platform: platform(),
      dataDir: deps.dataDir,
      startedAt,
    }),
    'settings:get': async () => settings.get(),
    'settings:update': async (patch) => settings.update(patch),
  }

  return { handlers, events, settings, log: deps.log }
}
export type Core = ReturnType<typeof createCore>
