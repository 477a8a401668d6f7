import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import { blockedShortcut, type KioskPlatform } from '../kiosk/shortcut-filter'
import type { Logger } from '../log/logger'

const platform: KioskPlatform =
  process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux'

/** The menu of an unlocked till: Electron's standard roles, built again after a lock removed it. */
const standardMenu = (): Menu =>
  Menu.buildFromTemplate([
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ])

/**
 * Kiosk lockdown of the cashier window. While `locked()`: no application menu, the shortcut filter
 * swallows reload, close, quit, devtools, zoom, fullscreen, print and navigation keys, and the
 * window refuses to close or minimize unless `mayClose()` (the manager quit with the PIN).
 * Returns `apply`, to call whenever the lock may have changed (settings, --kiosk).
 */
export function lockDown(
  window: BrowserWindow,
  opts: { locked: () => boolean; mayClose: () => boolean; log: Logger },
): { apply(): void } {
  const { locked, mayClose, log } = opts
  window.webContents.on('before-input-event', (event, input) => {
    if (!locked()) return
    const kind = blockedShortcut(input, platform)
    if (!kind) return
    event.preventDefault()
    if (input.type === 'keyDown') log.info('kiosk.shortcut-blocked', { kind })
  })
  window.on('close', (event) => {
    if (!locked() || mayClose()) return
    event.preventDefault()
    log.warn('kiosk.close-refused')
  })
  window.on('minimize', () => {
    if (locked()) window.restore()
  })
  let applied: boolean | null = null
  const apply = () => {
    const on = locked()
    if (on === applied) return
    applied = on
    Menu.setApplicationMenu(on ? null : standardMenu())
    window.setKiosk(on)
    window.setMinimizable(!on)
    window.setClosable(!on)
    log.info('kiosk.applied', { locked: on })
  }
  apply()
  return { apply }
}

/**
 * A locked till starts with the OS session on Windows and macOS (login items). Linux has no such
 * API: the package ships a systemd user unit and an autostart file (docs/kiosk.md).
 */
export function startAtLogin(on: boolean, packaged: boolean): void {
  if (!packaged || (platform !== 'win32' && platform !== 'darwin')) return
  app.setLoginItemSettings({ openAtLogin: on })
}
