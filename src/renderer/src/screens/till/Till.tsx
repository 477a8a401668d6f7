import {
  useApiKeyStore,
  useAppStore,
  useSalesStore,
  useTerminalStore,
} from '../../stores/bound-stores'
import { Home } from '../Home'
import { Checkout } from './Checkout'
import { Keypad } from './Keypad'

/**
 * The Till tab: the sale on screen if there is one, else the keypad once the till can charge:
 * paired, or (charging with the API key) with a key, for a server whose legacy API is off.
 */
export function Till() {
  const settings = useAppStore((s) => s.settings)
  const connection = useTerminalStore((s) => s.state?.connection)
  const current = useSalesStore((s) => s.current)
  const key = useApiKeyStore((s) => s.view?.state)
  const serverUrl =
    settings?.chargeVia === 'greenfield'
      ? key?.status === 'ready'
        ? key.serverUrl
        : null
      : connection?.status === 'paired'
        ? connection.server.url
        : null
  if (current && settings) {
    return <Checkout sale={current} settings={settings} serverUrl={serverUrl} />
  }
  if (serverUrl === null || !settings) return <Home />
  return <Keypad settings={settings} serverUrl={serverUrl} />
}
