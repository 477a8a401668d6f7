import { z } from 'zod'

/** Thermal roll widths the terminal prints on. */
export const paperWidths = [58, 80] as const
export type PaperWidth = (typeof paperWidths)[number]

/** Printer command languages: ESC/POS (Epson and most clones) and StarPRNT (Star Micronics). */
export const printerLanguages = ['escpos', 'starprnt'] as const
export type PrinterLanguage = (typeof printerLanguages)[number]

/** A host name or an IP address, nothing that could carry a path or credentials. */
const hostSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+|[0-9A-Fa-f:.]+)$/, 'a host name or an IP address')

/**
 * A printer's device file: only under /dev (no "..") or a Windows COM/LPT port, so a mistyped path
 * can never make the terminal write printer commands into an ordinary file.
 */
const devicePathSchema = z
  .string()
  .trim()
  .max(200)
  .regex(
    /^(\/dev\/(?!.*\.\.)[A-Za-z0-9_./-]+|(\\\\\.\\)?(COM|LPT)[0-9]{1,3})$/,
    'a device such as /dev/usb/lp0 or COM3',
  )

/** Where receipts go. The system printer is Electron's, a fallback for printers without raw access. */
export const printerTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({
    kind: z.literal('network'),
    host: hostSchema,
    port: z.int().min(1).max(65_535),
  }),
  z.strictObject({ kind: z.literal('device'), path: devicePathSchema }),
  z.strictObject({
    kind: z.literal('queue'),
    name: z
      .string()
      .regex(/^[A-Za-z0-9_.@-]{1,127}$/, 'a CUPS queue name (letters, digits, _ . @ -)'),
  }),
  z.strictObject({
    kind: z.literal('system'),
    deviceName: z.string().trim().min(1).max(200).nullable(),
  }),
])
export type PrinterTarget = z.infer<typeof printerTargetSchema>

export const receiptSettingsSchema = z.strictObject({
  /** Printed at the top of every receipt. */
  shopName: z.string().trim().max(64),
  /** Printed at the bottom: thanks, address, VAT number; lines as typed. */
  footer: z.string().max(500),
  /** BCP 47 tag for receipt dates and amounts; null: the system's. */
  locale: z
    .string()
    .max(35)
    .refine((tag) => Intl.DateTimeFormat.supportedLocalesOf([tag]).length === 1, 'a known locale')
    .nullable(),
  printer: printerTargetSchema,
  paperWidth: z.union([z.literal(58), z.literal(80)]),
  language: z.enum(printerLanguages),
  /** Print the receipt by itself when a sale is paid. */
  autoPrint: z.boolean(),
})
export type ReceiptSettings = z.infer<typeof receiptSettingsSchema>

export const defaultReceiptSettings: ReceiptSettings = {
  shopName: '',
  footer: 'Thank you!',
  locale: null,
  printer: { kind: 'none' },
  paperWidth: 80,
  language: 'escpos',
  autoPrint: false,
}
