import type { RequestOutput } from '../../../shared/ipc/contract'
import { create } from 'zustand'
import type { PosApi } from '../../../shared/ipc/pos-api'
import type { Result } from '../../../shared/ipc/result'
import type { TerminalState } from '../../../shared/terminal-state'
import { failText } from '../i18n/fail-words'

type TerminalStore = {
  state: TerminalState | null
  version: number
  busy: boolean
  /** The last action's failure, in words for the manager. */
  error: string | null
  /** The input field that failure concerns, when main named one. */
  errorField: string | null
  init(): () => void
  /** Runs a manager action; its fresh state replaces ours, its failure becomes `error`. */
  run<M extends TerminalAction>(method: M, ...input: Parameters<PosApi[M]>): Promise<boolean>
  testConnection(): Promise<Result<RequestOutput<'pairing:test-connection'>>>
  clearError(): void
}

/** The requests that answer with the terminal's new state: the manager's actions. */
type TerminalAction = {
  [M in keyof PosApi]: PosApi[M] extends (...input: never[]) => Promise<Result<TerminalState>>
    ? M
    : never
}[keyof PosApi]

const pairedOrigin = (state: TerminalState): string | null =>
  state.connection.status === 'paired' ? new URL(state.connection.server.url).origin : null

/** The paired server's origin when this page loaded: its CSP allows frames of that origin only. */
let loadedWithOrigin: string | null | undefined

/**
 * After pairing with a server, the page reloads once so its Content-Security-Policy (set when the
 * page loads) lets BTCPay's embedded checkout of the new server into a frame.
 */
function reloadIfFramesChanged(state: TerminalState): void {
  const origin = pairedOrigin(state)
  if (loadedWithOrigin === undefined) loadedWithOrigin = origin
  else if (origin !== null && origin !== loadedWithOrigin) window.location.reload()
}

export const createTerminalStore = (api: PosApi) =>
  create<TerminalStore>()((set, get) => ({
    state: null,
    version: 0,
    busy: false,
    error: null,
    errorField: null,
    init() {
      const off = api.onTerminalChanged(({ version, data }) => {
        if (version > get().version) {
          set({ state: data, version })
          reloadIfFramesChanged(data)
        }
      })
      void api.getTerminalState().then((r) => {
        if (r.ok && get().version === 0) {
          set({ state: r.data })
          reloadIfFramesChanged(r.data)
        }
        if (!r.ok) set({ error: failText(r) })
      })
      return off
    },
    async run(method, ...input) {
      if (get().busy) return false
      set({ busy: true, error: null, errorField: null })
      const call = api[method] as (...input: unknown[]) => Promise<Result<TerminalState>>
      const result = await call(...input)
      // An event with the same state may have arrived first; either way the newest wins.
      set(
        result.ok
          ? { busy: false, state: get().version > 0 ? get().state : result.data }
          : { busy: false, error: failText(result), errorField: result.field ?? null },
      )
      return result.ok
    },
    testConnection: () => api.testConnection(),
    clearError: () => set({ error: null, errorField: null }),
  }))
