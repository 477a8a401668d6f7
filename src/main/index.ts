// Composition root of the Electron app: the only module besides src/main/electron that imports electron.
import { join, resolve } from 'node:path'
import { app, dialog, powerSaveBlocker, type BrowserWindow } from 'electron'
import ElectronStore from 'electron-store'
import { createCore } from './core/create-core'
import { lockDataDir } from './data-dir/data-dir-lock'
import { followCustomerDisplay } from './electron/customer-window'
import { connectWindowEvents, registerIpc } from './electron/ipc-main'
import { closeCoreBeforeQuit } from './electron/close-on-quit'
import { lockDown, startAtLogin } from './electron/kiosk'
import { reloadWhenGone } from './electron/renderer-recovery'
import { installNavigationGuards } from './electron/guards'
import { openInBrowser } from './electron/open-external'
import { registerAppScheme, serveApp } from './electron/protocol'
import { printWithSystemPrinter } from './electron/system-printer'
import { createMainWindow } from './electron/window'
import { createKeytarVault } from './keychain/keytar-vault'
import { keychainServiceFor } from './keychain/service-name'
import { createDispatcher } from './ipc/dispatcher'
import { createFileLogger } from './log/file-logger'
import { contentSecurityPolicy } from './security/csp'
import { APP_ORIGIN } from './security/navigation'
import { senderTrustPolicy } from './security/sender-trust'
import { settingsBackendOptions, type SettingsBackend } from './settings/settings-store'
import { parseStartupFlags } from './startup-flags'

app.enableSandbox()
registerAppScheme()

let mainWindow: BrowserWindow | null = null
/** Set once the manager quit (PIN checked in the core): the locked window may close then. */
let quitting = false

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.whenReady().then(start).catch(fail)
  app.on('window-all-closed', () => app.quit())
}

async function start(): Promise<void> {
  const flags = parseStartupFlags(process.argv.slice(1))
  if (flags.dataDir) app.setPath('userData', resolve(flags.dataDir))
  const dataDir = app.getPath('userData')
  // A second terminal on this folder stops here, naming the one that holds it (fail() shows it).
  const dataDirLock = await lockDataDir({ dataDir, app: 'BTCPay Cashier' })
  // electron-vite sets this only for `npm run dev`, where the page comes from its dev server.
  const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
  const appOrigin = devUrl ? new URL(devUrl).origin : APP_ORIGIN

  const log = createFileLogger({ dir: join(dataDir, 'logs'), echo: !app.isPackaged })
  const settingsBackend = new ElectronStore(settingsBackendOptions()) as unknown as SettingsBackend
  const core = createCore({
    host: 'electron',
    appName: app.getName(),
    appVersion: app.getVersion(),
    dataDir,
    dataDirLock,
    settingsBackend,
    vault: createKeytarVault({ service: keychainServiceFor(dataDir), log }),
    log,
    provisionFile: flags.provisionFile,
    demo: flags.demo,
    openExternal: openInBrowser,
    quit: () => {
      quitting = true
      app.quit()
    },
    systemPrint: printWithSystemPrinter,
  })

  const pairedOrigin = () => {
    const server = core.settings.get().pairedServer
    return server ? new URL(server.url).origin : null
  }
  installNavigationGuards({ appOrigin, pairedOrigin, log })
  serveApp(
    join(import.meta.dirname, '../renderer'),
    () => contentSecurityPolicy({ frameOrigin: pairedOrigin() }),
    core.catalog.imageFile,
  )
  registerIpc(
    createDispatcher({
      handlers: core.handlers,
      isTrustedSender: senderTrustPolicy({
        contentsId: () => mainWindow?.webContents.id ?? null,
        origin: appOrigin,
      }),
      log,
    }),
  )

  mainWindow = createMainWindow({
    preload: join(import.meta.dirname, '../preload/index.cjs'),
    url: devUrl ?? `${APP_ORIGIN}/index.html`,
    // --kiosk locks this run only; the manager's setting (or provisioning) makes it permanent.
    kiosk: flags.kiosk || core.settings.get().kiosk,
    devTools: !app.isPackaged,
  })
  connectWindowEvents(core.events, mainWindow)
  const locked = () => flags.kiosk || core.settings.get().kiosk
  const lock = lockDown(mainWindow, { locked, mayClose: () => quitting, log })
  reloadWhenGone(mainWindow, 'cashier', log)
  const customerDisplay = followCustomerDisplay({
    cashier: mainWindow,
    preload: join(import.meta.dirname, '../preload/customer.cjs'),
    url: devUrl ? new URL('/customer.html', devUrl).href : `${APP_ORIGIN}/customer.html`,
    setting: () => core.settings.get().customerDisplay,
    feed: core.customerFeed,
    chooseTip: core.chooseTip,
    devTools: !app.isPackaged,
    log,
  })
  // A till's screen stays on while the app runs: a customer must never face a dark display.
  const keepAwake = powerSaveBlocker.start('prevent-display-sleep')
  mainWindow.on('closed', () => powerSaveBlocker.stop(keepAwake))
  startAtLogin(locked(), app.isPackaged)
  core.settings.onChange(() => {
    lock.apply()
    customerDisplay.update()
    startAtLogin(locked(), app.isPackaged)
  })
  // The window shows "starting" until the keychain answered; its state arrives as an event.
  core.start().catch((err: unknown) => log.error('core.start-failed', { err }))
  mainWindow.on('closed', () => (mainWindow = null))
  closeCoreBeforeQuit(app, core, log)
  log.info('app.started', { dataDir, kiosk: flags.kiosk || core.settings.get().kiosk })
}

function fail(err: unknown): void {
  dialog.showErrorBox(
    'BTCPay Cashier could not start',
    err instanceof Error ? err.message : String(err),
  )
  app.exit(1)
}
