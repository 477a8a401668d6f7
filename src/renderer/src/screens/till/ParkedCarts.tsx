import { useState } from 'react'
import { formatMinor } from '../../../../shared/money'
import { useLocale, useTranslation } from '../../i18n'
import { failWords } from '../../i18n/fail-words'
import { useAppStore, useCartStore } from '../../stores/bound-stores'
import { timeText } from './CartTill'

/**
 * "Parked (n)" in the top bar, on every screen of a till with a catalog (or with carts parked
 * before the catalog went): opens the parked list; resuming one goes to the Till and its cart,
 * even from the keypad or another tab, so a waiting customer is never lost behind a screen.
 */
export function ParkedCarts() {
  const { t } = useTranslation()
  const locale = useLocale()
  const parked = useCartStore((s) => s.parked)
  const hasCatalog = useCartStore((s) => (s.catalog?.items.length ?? 0) > 0)
  const resumeCart = useCartStore((s) => s.resumeCart)
  const notice = useCartStore((s) => s.notice)
  const go = useAppStore((s) => s.go)
  const [open, setOpen] = useState(false)
  const [failed, setFailed] = useState(false)

  if (!hasCatalog && parked.length === 0) return null

  const resume = async (cartId: string) => {
    const ok = await resumeCart(cartId)
    setFailed(!ok)
    if (!ok) return
    setOpen(false)
    go('home')
  }

  return (
    <div className="parked-control">
      <button
        type="button"
        className="tab"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="parked-button"
      >
        {t('cart.parkedButton', { n: parked.length })}
      </button>
      {open && (
        <div className="parked-popover">
          {parked.length === 0 && <p className="hint">{t('cart.noneParked')}</p>}
          {parked.length > 0 && (
            <ul className="parked" aria-label={t('cart.parkedCarts')} data-testid="parked-carts">
              {parked.map((p) => (
                <li key={p.id}>
                  <span>
                    {timeText(p.parkedAt, locale)} · {formatMinor(p.totalMinor, p.currency, locale)}
                  </span>
                  <button type="button" className="secondary" onClick={() => void resume(p.id)}>
                    {t('cart.resume')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {failed && notice?.kind === 'refused' && (
            <p className="message error" role="alert">
              {failWords(notice.problem, t, locale)}
            </p>
          )}
        </div>
      )}
    </div>
  )
}
