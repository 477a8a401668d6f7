/**
 * Prints a receipt on the printer the manager set up, without any dialog: raw bytes to a network,
 * USB/serial or CUPS raw printer, or the rendered receipt to the system printer through Electron
 * (injected; plain Node hosts have none). Every job ends in a PrintOutcome within its timeouts.
 */
import type { PaperWidth, PrinterTarget, ReceiptSettings } from '../../shared/receipt-settings'
import type { Receipt } from '../receipts/receipt'
import { receiptDocument } from '../receipts/receipt-document'
import { receiptBytes, receiptSvg } from '../receipts/render-receipt'
import { sendToDevice } from './device-printer'
import { sendToNetworkPrinter } from './network-printer'
import {
  defaultPrintTimeouts,
  notPrinted,
  type PrintOutcome,
  type PrintTimeouts,
} from './print-outcome'
import { sendToQueue } from './queue-printer'

/** Electron's silent printing of a rendered receipt; src/main/electron/system-printer.ts. */
export type SystemPrint = (
  job: { svg: string; paperWidth: PaperWidth; deviceName: string | null },
  timeouts: PrintTimeouts,
) => Promise<PrintOutcome>

export interface ReceiptPrinterDeps {
  settings: () => ReceiptSettings
  systemPrint: SystemPrint | null
  timeouts?: PrintTimeouts
  /** The CUPS client; tests point it at a stand-in. */
  lpCommand?: string
}

export function createReceiptPrinter(deps: ReceiptPrinterDeps) {
  const timeouts = deps.timeouts ?? defaultPrintTimeouts

  function send(receipt: Receipt, target: PrinterTarget, s: ReceiptSettings) {
    const doc = receiptDocument(receipt, s.paperWidth)
    const bytes = () => receiptBytes(doc, s.paperWidth, s.language)
    switch (target.kind) {
      case 'none':
        return Promise.resolve(notPrinted('not-configured'))
      case 'network':
        return sendToNetworkPrinter(bytes(), target, timeouts)
      case 'device':
        return sendToDevice(bytes(), target.path, timeouts)
      case 'queue':
        return sendToQueue(bytes(), target.name, timeouts, deps.lpCommand)
      case 'system':
        if (!deps.systemPrint) return Promise.resolve(notPrinted('not-configured'))
        return deps.systemPrint(
          {
            svg: receiptSvg(doc, s.paperWidth),
            paperWidth: s.paperWidth,
            deviceName: target.deviceName,
          },
          timeouts,
        )
    }
  }

  return {
    /** Never throws: a failure of any kind is an outcome the cashier can retry. */
    async print(receipt: Receipt): Promise<PrintOutcome> {
      const s = deps.settings()
      try {
        return await send(receipt, s.printer, s)
      } catch {
        return notPrinted('failed')
      }
    },
  }
}
export type ReceiptPrinter = ReturnType<typeof createReceiptPrinter>
