import { useEffect, useState } from 'react'
import { useLocale } from '../i18n'

/**
 * Minutes and seconds left until `until` (ms since epoch), ticking every second, in the words
 * `label` puts around the time ("Expires in 4:59"), digits of the screen's locale.
 */
export function Countdown({ until, label }: { until: number; label: (time: string) => string }) {
  const locale = useLocale()
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  const left = Math.max(0, Math.round((until - now) / 1000))
  const minutes = new Intl.NumberFormat(locale).format(Math.floor(left / 60))
  const seconds = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2 }).format(left % 60)
  return (
    <span className="countdown" role="timer" aria-live="off" data-testid="countdown">
      {label(`${minutes}:${seconds}`)}
    </span>
  )
}
