import { useEffect, useState } from 'react'

/** Minutes and seconds left until `until` (ms since epoch), ticking every second. */
export function Countdown({ until, prefix }: { until: number; prefix: string }) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  const left = Math.max(0, Math.round((until - now) / 1000))
  const text = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`
  return (
    <span className="countdown" role="timer" aria-live="off" data-testid="countdown">
      {prefix} {text}
    </span>
  )
}
