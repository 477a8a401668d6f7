import { useEffect, useEffectEvent, useRef, useState } from 'react'
import type { SaleView } from '../../../../shared/sale'
import { useTranslation, type TranslationKey } from '../../i18n'
import { checkoutHints, readCheckoutMessage } from '../../sales/checkout-messages'
import { embedTarget } from '../../sales/embed-url'
import { NativePayment } from './NativePayment'

/** How long the checkout page may take to say 'loaded' before the QR code is offered instead. */
const LOAD_TIMEOUT_MS = 15_000

/**
 * BTCPay's own checkout page in a sandboxed frame (no top navigation), for the paired server's
 * origin only. Its messages are read only from that frame and that origin; a status it posts is a
 * hint on screen, while the sale's phase still comes from main.
 */
export function EmbeddedPayment({
  sale,
  serverUrl,
  onClose,
}: {
  sale: SaleView
  serverUrl: string | null
  onClose: () => void
}) {
  const { t } = useTranslation()
  const target = embedTarget(sale.checkoutLink, serverUrl)
  const frameRef = useRef<HTMLIFrameElement>(null)
  const [loaded, setLoaded] = useState(false)
  const [slow, setSlow] = useState(false)
  const [hint, setHint] = useState<TranslationKey | null>(null)
  const [fallback, setFallback] = useState(false)
  const [blocked, setBlocked] = useState(false)
  const origin = target.ok ? target.origin : null

  const onMessage = useEffectEvent((e: MessageEvent) => {
    const frame = frameRef.current
    if (!frame || e.origin !== origin || e.source !== frame.contentWindow) return
    const message = readCheckoutMessage(e.data, sale.invoiceId)
    if (!message) return
    if (message.kind === 'loaded') setLoaded(true)
    else if (message.kind === 'close') onClose()
    else setHint(checkoutHints[message.status])
  })

  // The page's CSP names the one origin it may frame, fixed when the page loaded: a till paired
  // since then (or a policy without the server) blocks the frame, and the QR code takes over.
  const onViolation = useEffectEvent((e: SecurityPolicyViolationEvent) => {
    if (
      !e.effectiveDirective.startsWith('frame-src') &&
      !e.effectiveDirective.startsWith('child-src')
    )
      return
    if (origin && e.blockedURI.startsWith(origin)) setBlocked(true)
  })

  useEffect(() => {
    if (!origin) return undefined
    const listener = (e: MessageEvent) => onMessage(e)
    const violation = (e: SecurityPolicyViolationEvent) => onViolation(e)
    window.addEventListener('message', listener)
    document.addEventListener('securitypolicyviolation', violation)
    const timer = setTimeout(() => setSlow(true), LOAD_TIMEOUT_MS)
    return () => {
      window.removeEventListener('message', listener)
      document.removeEventListener('securitypolicyviolation', violation)
      clearTimeout(timer)
    }
  }, [origin])

  if (!target.ok || fallback || blocked) {
    const problem = !target.ok
      ? t(target.problem, { origin: target.origin ?? '' })
      : blocked
        ? t('embed.blocked')
        : null
    return (
      <>
        {problem && (
          <p className="message error" role="alert" data-testid="embed-refused">
            {t('embed.showingQr', { problem })}
          </p>
        )}
        <NativePayment sale={sale} />
      </>
    )
  }

  return (
    <div className="embedded" data-testid="embedded-checkout">
      {!loaded && (
        <div className="frame-cover" role="status" data-testid="embed-loading">
          <span className="spinner" aria-hidden="true" />
          <p>{t('embed.opening')}</p>
          {slow && (
            <button className="big secondary" onClick={() => setFallback(true)}>
              {t('embed.showQr')}
            </button>
          )}
        </div>
      )}
      <iframe
        ref={frameRef}
        className={loaded ? 'checkout-frame' : 'checkout-frame hidden'}
        title={t('embed.frameTitle')}
        src={target.src}
        sandbox="allow-scripts allow-same-origin allow-forms allow-popups"
        allow="clipboard-write"
        referrerPolicy="no-referrer"
        data-testid="checkout-frame"
      />
      {hint && (
        <p className="message" role="status" data-testid="checkout-hint">
          {t(hint)}
        </p>
      )}
    </div>
  )
}
