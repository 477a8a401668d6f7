import { BrowserWindow } from 'electron'
import { secureWebPreferences } from '../security/web-preferences'

export function createMainWindow(opts: {
  preload: string
  url: string
  kiosk: boolean
  devTools: boolean
}): BrowserWindow {
  const window = new BrowserWindow({
    width: 1024,
    height: 768,
    minWidth: 640,
    minHeight: 480,
    show: false,
    kiosk: opts.kiosk,
    autoHideMenuBar: true,
    backgroundColor: '#0f172a',
    title: 'BTCPay Cashier',
    webPreferences: secureWebPreferences(opts.preload, { devTools: opts.devTools }),
  })
  window.once('ready-to-show', () => window.show())
  void window.loadURL(opts.url)
  return window
}
