// What every route module gets: the state, the fault list and the tunable settings.
import type { Faults } from './faults'
import type { ServerState } from './state'

export interface Settings {
  /** Delay before the first "ping" text frame on an idle status websocket (BTCPay: ~30 s). */
  wsPingInitialMs: number
  /** Interval of further "ping" frames while idle (BTCPay: ~25 s). */
  wsPingIntervalMs: number
}

export const DEFAULT_SETTINGS: Settings = { wsPingInitialMs: 30_000, wsPingIntervalMs: 25_000 }

export interface Deps {
  state: ServerState
  faults: Faults
  settings: Settings
}
