import { BrowserWindow } from 'electron'
import type { SystemPrint } from '../printing/receipt-printer'
import { notPrinted, printed, type PrintOutcome } from '../printing/print-outcome'

/** Printable width of the roll: 48 mm on 58 mm paper, 72 mm on 80 mm. */
const PRINTABLE_MM = { 58: 48, 80: 72 } as const

/**
 * The system printer as the fallback for printers without raw access: the receipt's SVG in a
 * hidden window with no script, printed silently (no dialog) on the named printer or the default
 * one. Electron's silent printing is fragile with some drivers (electron/electron#30340), which
 * is why raw ESC/POS is the first choice.
 */
export const printWithSystemPrinter: SystemPrint = async (job, timeouts) => {
  const width = /width="(\d+)px"/.exec(job.svg)?.[1]
  const height = /height="(\d+)px"/.exec(job.svg)?.[1]
  const printableMm = PRINTABLE_MM[job.paperWidth]
  const pageHeightMm =
    width && height ? Math.ceil((Number(height) / Number(width)) * printableMm) + 10 : 300
  const html =
    `<!doctype html><html><head><meta charset="utf-8"><style>` +
    `@page{margin:0}body{margin:0}svg{display:block;width:${printableMm}mm;height:auto;margin:0 auto}` +
    `</style></head><body>${job.svg}</body></html>`
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      spellcheck: false,
    },
  })
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    const loaded = window.loadURL(`data:text/html;base64,${Buffer.from(html).toString('base64')}`)
    const outcome = new Promise<PrintOutcome>((resolve) => {
      loaded.then(
        () =>
          window.webContents.print(
            {
              silent: true,
              printBackground: false,
              deviceName: job.deviceName ?? undefined,
              margins: { marginType: 'none' },
              pageSize: { width: job.paperWidth * 1000, height: pageHeightMm * 1000 },
            },
            (success, reason) =>
              resolve(
                success ? printed : notPrinted(/cancel/i.test(reason) ? 'failed' : 'unreachable'),
              ),
          ),
        () => resolve(notPrinted('failed')),
      )
    })
    const timeout = new Promise<PrintOutcome>((resolve) => {
      timer = setTimeout(
        () => resolve(notPrinted('no-answer')),
        timeouts.connectMs + timeouts.jobMs,
      )
    })
    return await Promise.race([outcome, timeout])
  } finally {
    clearTimeout(timer)
    window.destroy()
  }
}
