import { useTranslation } from '../../i18n'
import {
  useApiKeyStore,
  useAppStore,
  useCartStore,
  useSalesStore,
  useTerminalStore,
} from '../../stores/bound-stores'
import { sellsFromCatalog } from '../../stores/cart-store'
import { Home } from '../Home'
import { CartTill } from './CartTill'
import { Checkout } from './Checkout'
import { Keypad } from './Keypad'

/**
 * The Till tab: the sale on screen if there is one, else the catalog and cart when the shop has a
 * catalog (the keypad one tap away), else the keypad, once the till can charge: paired, or
 * (charging with the API key) with a key, for a server whose legacy API is off.
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
  const { t } = useTranslation()
  const catalog = useCartStore((s) => s.catalog)
  const keypadOnly = useCartStore((s) => s.keypadOnly)
  const showKeypad = useCartStore((s) => s.showKeypad)
  // Scans are ScanAnywhere's, on every tab.
  const hasCatalog = sellsFromCatalog(catalog)
  if (current && settings) {
    return <Checkout sale={current} settings={settings} serverUrl={serverUrl} />
  }
  if (serverUrl === null || !settings) return <Home />
  if (hasCatalog && !keypadOnly) {
    return <CartTill catalog={catalog} onKeypad={() => showKeypad(true)} />
  }
  return (
    <>
      {hasCatalog && (
        <button type="button" className="secondary" onClick={() => showKeypad(false)}>
          {t('till.catalog')}
        </button>
      )}
      <Keypad settings={settings} serverUrl={serverUrl} />
    </>
  )
}
