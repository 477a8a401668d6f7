import { useEffect, useRef } from 'react'

/** How long the manager holds the shop name: long enough that no customer does it by chance. */
export const LONG_PRESS_MS = 2000

/**
 * Pointer handlers for a hidden gesture: `onLongPress` fires after holding still for `ms`.
 * Lifting, leaving or cancelling (a scroll) before that does nothing.
 */
export function useLongPress(onLongPress: () => void, ms = LONG_PRESS_MS) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const cancel = () => {
    if (timer.current !== null) clearTimeout(timer.current)
    timer.current = null
  }
  useEffect(() => cancel, [])
  return {
    onPointerDown: () => {
      cancel()
      timer.current = setTimeout(() => {
        timer.current = null
        onLongPress()
      }, ms)
    },
    onPointerUp: cancel,
    onPointerLeave: cancel,
    onPointerCancel: cancel,
    onContextMenu: (e: { preventDefault(): void }) => e.preventDefault(),
  }
}
