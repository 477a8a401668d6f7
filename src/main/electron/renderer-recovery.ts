import type { BrowserWindow } from 'electron'
import type { Logger } from '../log/logger'

/** How long a hung page gets to answer again before it is killed and reloaded. */
const HANG_GRACE_MS = 10_000
/** Pause before a reload, so a page that crashes at once does not spin the CPU. */
const RELOAD_DELAY_MS = 1_000

/**
 * A renderer that crashed or hangs is loaded again by itself: the till never stays blank. The
 * cashier page asks main for the sale it was on when it starts (till:focused-sale), so the sale
 * comes back on screen; the customer page gets the current view from the feed.
 */
export function reloadWhenGone(window: BrowserWindow, name: string, log: Logger): void {
  const contents = window.webContents
  let hang: ReturnType<typeof setTimeout> | null = null
  const reload = () => {
    if (!window.isDestroyed()) contents.reload()
  }
  contents.on('render-process-gone', (_event, details) => {
    log.error('renderer.gone', { window: name, reason: details.reason })
    setTimeout(reload, RELOAD_DELAY_MS)
  })
  window.on('unresponsive', () => {
    log.warn('renderer.unresponsive', { window: name })
    hang ??= setTimeout(() => {
      hang = null
      log.error('renderer.hung', { window: name })
      // A crash brings render-process-gone, which reloads.
      if (!window.isDestroyed()) contents.forcefullyCrashRenderer()
    }, HANG_GRACE_MS)
  })
  window.on('responsive', () => {
    if (hang) clearTimeout(hang)
    hang = null
  })
}
