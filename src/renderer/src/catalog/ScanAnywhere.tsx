import { useEffect, useState } from 'react'
import { itemForCode } from '../../../shared/catalog'
import { useTranslation } from '../i18n'
import { sellsFromCatalog } from '../stores/cart-store'
import { useAppStore, useCartStore } from '../stores/bound-stores'
import { playUnknownCode } from './unknown-code-sound'
import { useScanner } from './use-scanner'

/** How long "Added …" or "Unknown code …" stays up. */
const NOTICE_MS = 4_000

type ScanNotice = { kind: 'added'; title: string } | { kind: 'unknown'; code: string }

/**
 * The barcode scanner on every tab (no field focused, no PIN pad open). A known code goes into
 * the cart and takes the cashier to the till, where the cart shows it or why it was refused; an
 * unknown one beeps and says so on the tab the cashier is looking at. A scan during the tip step
 * goes back to the cart first: the tip was asked for the cart as it was.
 */
export function ScanAnywhere() {
  const { t } = useTranslation()
  const catalog = useCartStore((s) => s.catalog)
  const [notice, setNotice] = useState<ScanNotice | null>(null)

  useScanner(sellsFromCatalog(catalog), (code) => {
    const cart = useCartStore.getState()
    const app = useAppStore.getState()
    const item = itemForCode(cart.catalog?.items ?? [], code)
    const away = app.screen !== 'home'
    if (!item) {
      // On the till its cart says so; elsewhere the notice does, and the cart stays as it was.
      if (!away) cart.scan(code)
      playUnknownCode()
      if (away) setNotice({ kind: 'unknown', code })
      return
    }
    if (cart.tipping) cart.cancelTip()
    const added = cart.scan(code)
    if (!added) playUnknownCode() // sold out, or an amount to type: the cart says which
    cart.showKeypad(false)
    if (!away) return
    app.go('home')
    if (added) setNotice({ kind: 'added', title: item.title })
  })

  useEffect(() => {
    if (!notice) return undefined
    const timer = setTimeout(() => setNotice(null), NOTICE_MS)
    return () => clearTimeout(timer)
  }, [notice])

  if (!notice) return null
  return notice.kind === 'added' ? (
    <p className="scan-notice" role="status" data-testid="scan-notice">
      {t('scan.added', { title: notice.title })}
    </p>
  ) : (
    <p className="scan-notice error" role="alert" data-testid="scan-notice">
      {t('cart.unknownCode', { code: notice.code })}
    </p>
  )
}
