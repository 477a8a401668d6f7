import { create } from 'zustand'
import type { ApiKeyView } from '../../../shared/api-key'
import type { RequestInput } from '../../../shared/ipc/contract'
import type { PosApi } from '../../../shared/ipc/pos-api'
import type { Result } from '../../../shared/ipc/result'
import { failText } from '../i18n/fail-words'

type ApiKeyStore = {
  view: ApiKeyView | null
  version: number
  busy: boolean
  /** The last action's failure, in words for the manager. */
  error: string | null
  /** Loads the view once, then keeps it fresh from `api-key:changed` (the browser's key arrives on its own). */
  init(): () => void
  // One action per manager request, named as the contract names it; true when it worked.
  authorizeApiKey(input: RequestInput<'api-key:authorize'>): Promise<boolean>
  pasteApiKey(input: RequestInput<'api-key:paste'>): Promise<boolean>
  chooseApiKeyStore(input: RequestInput<'api-key:choose-store'>): Promise<boolean>
  cancelApiKey(): Promise<boolean>
  removeApiKey(): Promise<boolean>
}

/** The terminal's API key as the Manager screen sees it (never the key itself). */
export const createApiKeyStore = (api: PosApi) =>
  create<ApiKeyStore>()((set, get) => {
    const run = async (action: () => Promise<Result<ApiKeyView>>): Promise<boolean> => {
      if (get().busy) return false
      set({ busy: true, error: null })
      const r = await action()
      set(r.ok ? { busy: false, view: r.data } : { busy: false, error: failText(r) })
      return r.ok
    }
    return {
      view: null,
      version: 0,
      busy: false,
      error: null,
      init() {
        const off = api.onApiKeyChanged(({ version, data }) => {
          if (version > get().version) set({ view: data, version })
        })
        void api.getApiKey().then((r) => {
          if (r.ok) set((s) => ({ view: s.view ?? r.data }))
          else set({ error: failText(r) })
        })
        return off
      },
      authorizeApiKey: (input) => run(() => api.authorizeApiKey(input)),
      pasteApiKey: (input) => run(() => api.pasteApiKey(input)),
      chooseApiKeyStore: (input) => run(() => api.chooseApiKeyStore(input)),
      cancelApiKey: () => run(() => api.cancelApiKey()),
      removeApiKey: () => run(() => api.removeApiKey()),
    }
  })
