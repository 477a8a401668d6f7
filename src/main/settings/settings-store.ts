import { z } from 'zod'
import {
  defaultSettings,
  settingsPatchSchema,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings'
import { AppError } from '../../shared/ipc/result'
import { inputProblem } from '../ipc/input-problem'

/** The part of conf / electron-store the settings need; both satisfy it. */
export interface SettingsBackend {
  readonly store: Record<string, unknown>
  set(values: Record<string, unknown>): void
}

/** Options for `new Conf(...)` / `new ElectronStore(...)`: the same schema guards the file on disk. */
export function settingsBackendOptions() {
  const json = z.toJSONSchema(settingsSchema, { target: 'draft-7' }) as {
    properties: Record<string, object>
  }
  return {
    configName: 'settings',
    name: 'settings',
    schema: json.properties,
    defaults: defaultSettings,
    clearInvalidConfig: false,
    // Owner only, like everything in the data folder (the default is 0666 minus the umask).
    configFileMode: 0o600,
  }
}

export function createSettingsStore(backend: SettingsBackend) {
  const listeners = new Set<(s: Settings) => void>()
  // conf's `store` reads, parses and validates the file on every access: synchronous disk work on
  // the main process's event loop, once per charge. This store is the file's only writer, so it
  // reads the file once and then keeps what it wrote; callers get a copy each time.
  let current: Settings | null = null
  const read = (): Settings => {
    if (!current) {
      const parsed = settingsSchema.safeParse({ ...defaultSettings, ...backend.store })
      current = parsed.success ? parsed.data : defaultSettings
    }
    return { ...current, pairedServer: current.pairedServer && { ...current.pairedServer } }
  }
  const write = (values: Settings): Settings => {
    const next = settingsSchema.parse(values)
    backend.set(next)
    current = next
    for (const l of listeners) l(next)
    return next
  }
  return {
    get: read,
    update(patch: SettingsPatch): Settings {
      const checked = settingsPatchSchema.safeParse(patch)
      if (!checked.success) {
        const problem = inputProblem(checked.error.issues)
        throw new AppError('bad-input', problem.message, problem.field ?? undefined, undefined, [
          problem.words,
        ])
      }
      return write({ ...read(), ...checked.data })
    },
    /** Fields only the core writes (pairing, first start); managers cannot type them in. */
    setCoreFields(values: Partial<Pick<Settings, 'pairedServer' | 'terminalId'>>): Settings {
      return write({ ...read(), ...values })
    },
    onChange(listener: (s: Settings) => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
export type SettingsStore = ReturnType<typeof createSettingsStore>
