import type { App } from 'electron'
import type { Logger } from '../log/logger'

/**
 * Holds the first quit until the core has stopped (journal closed, next order number written),
 * then quits for real. Electron does not wait for an async `before-quit` listener, hence the
 * preventDefault and the second `app.quit()`.
 */
export function closeCoreBeforeQuit(
  app: Pick<App, 'on' | 'quit'>,
  core: { stop(): Promise<{ journalClosed: boolean }> },
  log: Logger,
): void {
  let stopping: Promise<unknown> | null = null
  let stopped = false
  app.on('before-quit', (event) => {
    if (stopped) return
    event.preventDefault()
    stopping ??= core
      .stop()
      .then(({ journalClosed }) => log.info('app.stopped', { journalClosed }))
      .catch((err: unknown) => log.error('app.stop-failed', { err }))
      .finally(() => {
        stopped = true
        app.quit()
      })
  })
}
