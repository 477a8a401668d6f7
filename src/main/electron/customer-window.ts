import { BrowserWindow, screen } from 'electron'
import { CHOOSE_TIP_CHANNEL, CUSTOMER_CHANNEL } from '../../shared/ipc/customer-api'
import type { CustomerFeed } from '../customer-display/customer-feed'
import { pickCustomerScreen, type CustomerDisplaySetting } from '../customer-display/pick-display'
import type { Logger } from '../log/logger'
import { secureWebPreferences } from '../security/web-preferences'
import { reloadWhenGone } from './renderer-recovery'

/**
 * The customer's window on a second screen: opened when the setting is on and a screen other than
 * the cashier's is attached, moved or closed as screens come and go. Its preload can only listen to
 * customer:view, and the dispatcher trusts the cashier window alone, so it cannot make requests.
 */
export function followCustomerDisplay(opts: {
  cashier: BrowserWindow
  preload: string
  url: string
  setting: () => CustomerDisplaySetting
  feed: CustomerFeed
  /** The customer's answer to the tip question; main checks it (tip-question.ts). */
  chooseTip: (raw: unknown) => void
  devTools: boolean
  log: Logger
}): { update(): void } {
  const { cashier, feed, log } = opts
  let window: BrowserWindow | null = null
  let onScreen: number | null = null

  const close = () => {
    if (window && !window.isDestroyed()) window.destroy()
    window = null
    onScreen = null
  }

  const open = (target: { id: number; bounds: Electron.Rectangle }) => {
    const win = new BrowserWindow({
      ...target.bounds,
      show: false,
      frame: false,
      fullscreen: true,
      // The customer watches; only the cashier types.
      focusable: false,
      skipTaskbar: true,
      backgroundColor: '#0f172a',
      title: 'BTCPay Cashier: customer display',
      webPreferences: secureWebPreferences(opts.preload, { devTools: opts.devTools }),
    })
    let disconnect = () => {}
    // Each load (and reload after a crash) gets the current view first, then the changes.
    win.webContents.on('did-finish-load', () => {
      disconnect()
      disconnect = feed.connect((envelope) => {
        if (!win.isDestroyed()) win.webContents.send(CUSTOMER_CHANNEL, envelope)
      })
    })
    win.webContents.ipc.on(CHOOSE_TIP_CHANNEL, (event, raw: unknown) => {
      const main = win.webContents.mainFrame
      const frame = event.senderFrame
      if (!frame || frame.processId !== main.processId || frame.routingId !== main.routingId) {
        log.warn('customer-display.message-refused')
        return
      }
      opts.chooseTip(raw)
    })
    win.on('closed', () => disconnect())
    win.once('ready-to-show', () => win.showInactive())
    reloadWhenGone(win, 'customer', log)
    void win.loadURL(opts.url)
    window = win
    onScreen = target.id
    log.info('customer-display.opened', { screen: target.id })
  }

  const update = () => {
    if (cashier.isDestroyed()) return
    try {
      const cashierScreen = screen.getDisplayMatching(cashier.getBounds()).id
      const target = pickCustomerScreen(screen.getAllDisplays(), cashierScreen, opts.setting())
      if (window && (!target || target.id !== onScreen || window.isDestroyed())) close()
      if (target && !window) open(target)
    } catch (err) {
      // A screen that vanished mid-way must not take the till down with it.
      log.error('customer-display.failed', { err })
      close()
    }
  }

  screen.on('display-added', update)
  screen.on('display-removed', update)
  screen.on('display-metrics-changed', update)
  cashier.on('moved', update)
  cashier.on('closed', () => {
    screen.removeListener('display-added', update)
    screen.removeListener('display-removed', update)
    screen.removeListener('display-metrics-changed', update)
    close()
  })
  update()
  return { update }
}
