import { useCallback, useEffect, useRef, useState } from 'react'
import type { ApiKeyView } from '../../../../shared/api-key'
import type { PosApi } from '../../../../shared/ipc/pos-api'
import type { Result } from '../../../../shared/ipc/result'

/**
 * The API key's view for the Manager screen: loaded once, then kept fresh by `api-key:changed`
 * (the key from the browser arrives on its own). `run` performs one manager action.
 */
export function useApiKey(api: PosApi) {
  const [view, setView] = useState<ApiKeyView | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const version = useRef(0)

  useEffect(() => {
    const off = api.onApiKeyChanged(({ version: v, data }) => {
      if (v > version.current) {
        version.current = v
        setView(data)
      }
    })
    void api.getApiKey().then((r) => {
      if (r.ok) setView((current) => current ?? r.data)
      else setError(r.message)
    })
    return off
  }, [api])

  const run = useCallback(async (action: () => Promise<Result<ApiKeyView>>) => {
    setBusy(true)
    setError(null)
    const r = await action()
    setBusy(false)
    if (r.ok) setView(r.data)
    else setError(r.message)
    return r.ok
  }, [])

  return { view, error, busy, run }
}
