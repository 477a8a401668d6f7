/**
 * Renders a ReceiptLine document (receipt-document.ts) for the screen (plain text, SVG) or for a
 * thermal printer (ESC/POS, StarPRNT), at the characters per line of the paper width.
 */
import { transform } from 'receiptline'
import { charsPerLine, type PaperWidth } from './paper'

/** Printer command languages: ESC/POS (Epson and most clones) and StarPRNT (Star Micronics). */
export const printerLanguages = ['escpos', 'starprnt'] as const
export type PrinterLanguage = (typeof printerLanguages)[number]

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
