import { app, session } from 'electron'
import type { Logger } from '../log/logger'
import { isAllowedFrame, isAllowedNavigation } from '../security/navigation'
import { isPermissionAllowed } from '../security/permissions'

/**
 * Deny-by-default for everything a page could do to escape: navigation, redirects, new windows,
 * webviews and permission prompts. `pairedOrigin` is the one origin a frame may show (BTCPay's
 * embedded checkout); it changes when the terminal is paired or unpaired.
 */
export function installNavigationGuards(opts: {
  appOrigin: string
  pairedOrigin: () => string | null
  log: Logger
}): void {
  const { appOrigin, pairedOrigin, log } = opts
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      if (!isAllowedNavigation(event.url, appOrigin)) {
        event.preventDefault()
        log.warn('nav.blocked', { url: event.url.slice(0, 200) })
      }
    })
    contents.on('will-redirect', (event) => {
      if (event.isMainFrame && !isAllowedNavigation(event.url, appOrigin)) {
        event.preventDefault()
        log.warn('nav.redirect-blocked', { url: event.url.slice(0, 200) })
      }
    })
    contents.on('will-frame-navigate', (event) => {
      if (!event.isMainFrame && !isAllowedFrame(event.url, pairedOrigin())) {
        event.preventDefault()
        log.warn('nav.frame-blocked', { url: event.url.slice(0, 200) })
      }
    })
    contents.on('will-attach-webview', (event) => {
      event.preventDefault()
      log.warn('nav.webview-blocked')
    })
    contents.setWindowOpenHandler(({ url }) => {
      log.warn('nav.window-open-blocked', { url: url.slice(0, 200) })
      return { action: 'deny' }
    })
  })
  app.whenReady().then(
    () => {
      session.defaultSession.setPermissionRequestHandler(
        (_contents, permission, callback, details) => {
          const allowed = isPermissionAllowed(permission, details.requestingUrl, appOrigin)
          if (!allowed) log.warn('permission.denied', { permission })
          callback(allowed)
        },
      )
      session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
        isPermissionAllowed(permission, requestingOrigin, appOrigin),
      )
    },
    () => {},
  )
}
