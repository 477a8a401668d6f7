import type { SettingsBackend } from './settings-store'

/** Test double for conf: keeps settings in memory. Real persistence is covered by settings-store.test.ts. */
export function memorySettingsBackend(initial: Record<string, unknown> = {}): SettingsBackend {
  let store: Record<string, unknown> = { ...initial }
  return {
    get store() {
      return store
    },
    set(values) {
      store = { ...store, ...values }
    },
  }
}
