import { useEffect, useEffectEvent } from 'react'
import { createScanDetector } from './scan-detector'
import { scansPaused } from './scan-pause'

const editable = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))

/**
 * Listens for a USB barcode scanner (a keyboard that types fast and presses Enter) on the whole
 * page, without a focused field. The Enter that ends a scan is swallowed, so it does not also
 * press the screen's default button. Keys typed into a field are left to the field, and nothing
 * is intercepted while `enabled` is false (a till without a catalog has nothing to scan) or a
 * manager PIN pad is open (`pauseScans`).
 */
export function useScanner(enabled: boolean, onCode: (code: string) => void): void {
  const report = useEffectEvent(onCode)
  useEffect(() => {
    if (!enabled) return
    const detector = createScanDetector()
    const onKey = (e: KeyboardEvent) => {
      if (editable(e.target) || e.ctrlKey || e.metaKey || e.altKey || scansPaused()) return
      const code = detector.key(e.key, e.timeStamp)
      if (code === null) return
      e.preventDefault()
      e.stopImmediatePropagation()
      report(code)
    }
    window.addEventListener('keydown', onKey, { capture: true })
    return () => window.removeEventListener('keydown', onKey, { capture: true })
  }, [enabled])
}
