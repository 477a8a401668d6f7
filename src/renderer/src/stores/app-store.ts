import { create } from 'zustand'
import type { AppInfo } from '../../../shared/ipc/contract'
import type { Result } from '../../../shared/ipc/result'
import type { Settings, SettingsPatch } from '../../../shared/settings'
import type { PosApi } from '../../../shared/ipc/pos-api'
import { failText } from '../i18n/fail-words'

export type Screen = 'home' | 'requests' | 'shift' | 'history' | 'manager' | 'about'

const screens: readonly Screen[] = ['home', 'requests', 'shift', 'history', 'manager', 'about']
const SCREEN_KEY = 'pos.screen'
/** The tab survives a reload (the page reloads after pairing, see terminal-store). */
function savedScreen(): Screen {
  const saved = globalThis.sessionStorage?.getItem(SCREEN_KEY)
  return screens.find((s) => s === saved) ?? 'home'
}

type AppState = {
  screen: Screen
  info: AppInfo | null
  settings: Settings | null
  /** Version of the newest settings push seen; older pushes are dropped. */
  settingsVersion: number
  error: string | null
  /** Round trip time of the last connection check, in milliseconds. */
  lastCheckMs: number | null
  checking: boolean
  go(screen: Screen): void
  init(): () => void
  checkConnection(): Promise<void>
  updateSettings(patch: SettingsPatch): Promise<Result<Settings>>
}

export const createAppStore = (api: PosApi) =>
  create<AppState>()((set, get) => ({
    screen: savedScreen(),
    info: null,
    settings: null,
    settingsVersion: 0,
    error: null,
    lastCheckMs: null,
    checking: false,
    go: (screen) => {
      globalThis.sessionStorage?.setItem(SCREEN_KEY, screen)
      set({ screen })
    },
    init() {
      // Subscribe before the first read, so a change made in between is not missed.
      const off = api.onSettingsChanged(({ version, data }) => {
        if (version > get().settingsVersion) set({ settings: data, settingsVersion: version })
      })
      void Promise.all([api.getAppInfo(), api.getSettings()]).then(([info, settings]) => {
        if (!info.ok) return set({ error: failText(info) })
        if (!settings.ok) return set({ error: failText(settings) })
        set((s) => ({ info: info.data, settings: s.settings ?? settings.data, error: null }))
      })
      return off
    },
    async checkConnection() {
      set({ checking: true })
      const started = performance.now()
      const result = await api.getAppInfo()
      const elapsed = Math.round(performance.now() - started)
      set(
        result.ok
          ? { info: result.data, lastCheckMs: elapsed, error: null, checking: false }
          : { error: failText(result), lastCheckMs: null, checking: false },
      )
    },
    updateSettings: (patch) => api.updateSettings(patch),
  }))
