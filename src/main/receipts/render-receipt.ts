/**
 * Renders a ReceiptLine document (receipt-document.ts) for the screen (plain text, SVG) or for a
 * thermal printer (ESC/POS, StarPRNT), at the characters per line of the paper width.
 */
import { transform } from 'receiptline'
import type { PaperWidth, PrinterLanguage } from '../../shared/receipt-settings'
import { charsPerLine } from './paper'

const COMMANDS: Record<PrinterLanguage, 'escpos' | 'starsbcs'> = {
  escpos: 'escpos',
  starprnt: 'starsbcs',
}
/** Code pages 437, 852, 858 (with €), 866 and 1252, switched per character by receiptline. */
const ENCODING = 'multilingual'

export function receiptText(doc: string, width: PaperWidth): string {
  return transform(doc, { command: 'text', cpl: charsPerLine[width], encoding: ENCODING })
}

export function receiptSvg(doc: string, width: PaperWidth): string {
  return transform(doc, { command: 'svg', cpl: charsPerLine[width], encoding: ENCODING })
}

/** The bytes to send to the printer, ending with a paper cut. */
export function receiptBytes(doc: string, width: PaperWidth, language: PrinterLanguage): Buffer {
  const commands = transform(doc, {
    command: COMMANDS[language],
    cpl: charsPerLine[width],
    encoding: ENCODING,
    cutting: true,
    gradient: false,
  })
  // receiptline returns the command stream as a binary string (one char per byte).
  return Buffer.from(commands, 'latin1')
}
