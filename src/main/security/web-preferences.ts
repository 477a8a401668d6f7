/**
 * The renderer's webPreferences. Kept as plain data (no electron import) so a test can pin every
 * protection; the window glue passes the object straight to BrowserWindow.
 */
export function secureWebPreferences(preloadPath: string, opts: { devTools: boolean }) {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // A till sits in the background while a customer pays; status timers must keep running.
    backgroundThrottling: false,
    devTools: opts.devTools,
  } as const
}
