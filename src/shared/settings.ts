import { z } from 'zod'
import { defaultReceiptSettings, receiptSettingsSchema } from './receipt-settings'

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'))

export const currencyCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code such as USD')
  .refine((c) => knownCurrencies.has(c), 'not an ISO 4217 currency this system knows')

/** What the terminal keeps in its settings file. Never a secret: keys, tokens and PIN hashes live in the keychain. */
export const settingsSchema = z.strictObject({
  terminalLabel: z.string().trim().min(1).max(64),
  currency: currencyCodeSchema,
  checkoutMode: z.enum(['native', 'embedded']),
  /**
   * How the till asks BTCPay for invoices: BitId-signed legacy invoices, or Greenfield invoices
   * with the terminal's API key (for servers whose legacy API is off; needs a key that may create
   * and view invoices).
   */
  chargeVia: z.enum(['legacy', 'greenfield']),
  /** Light or dark screens; 'system' follows the operating system's choice. */
  theme: z.enum(['system', 'light', 'dark']),
  /** The screens' language; 'system' follows the operating system's (English where it is not offered). */
  language: z.enum(['system', 'en', 'de', 'es', 'fr', 'pt', 'ar']),
  kiosk: z.boolean(),
  /** A window for the customer on a second screen, when one is attached (desktop app). */
  customerDisplay: z.enum(['off', 'second-screen']),
  sound: z.boolean(),
  returnToKeypadSeconds: z.int().min(0).max(120),
  /**
   * The tip step's percentages when the catalog's PoS app sets none (BTCPay's own default is
   * 15, 18, 20); empty leaves only "no tip" and a tip of the customer's own.
   */
  tipPercentages: z.array(z.int().min(1).max(100)).max(6),
  /** Largest charge, in whole units of the currency: a typo guard for the till. */
  maxAmount: z.int().min(1).max(1_000_000_000),
  /** Who is at the till; sent to BTCPay with each invoice (posData). */
  cashier: z.string().trim().max(64),
  /** Stable id of this till, the prefix of its order ids; made once at first start. */
  terminalId: z
    .string()
    .regex(/^[A-Z0-9]{4,16}$/)
    .nullable(),
  /** The BTCPay server this terminal is paired with; its token lives in the keychain. */
  pairedServer: z
    .strictObject({ url: z.string().max(2048), pairedAt: z.number(), label: z.string().max(64) })
    .nullable(),
  /** Shop name, footer, printer and auto-print for receipts. */
  receipts: receiptSettingsSchema,
  /** Whether the manager was asked to set a PIN (first run): asked once, set or skipped. */
  managerPinOffered: z.boolean(),
  /**
   * What the keypad's "Bill later" form starts with; the cashier can change each per request.
   * The title is used when the cashier typed no description; empty leaves it to the cashier.
   */
  billLaterTitle: z.string().trim().max(200),
  /** Days a bill stays payable (BTCPay's expiry date); null: until paid or archived. */
  billLaterExpiryDays: z.int().min(1).max(3650).nullable(),
  billLaterAllowPartial: z.boolean(),
})
export type Settings = z.infer<typeof settingsSchema>
export type ChargeVia = Settings['chargeVia']
export type BillLaterDefaults = Pick<
  Settings,
  'billLaterTitle' | 'billLaterExpiryDays' | 'billLaterAllowPartial'
>

/** What a manager may change directly; the paired server and terminal id are the core's. */
export const settingsPatchSchema = settingsSchema
  .omit({ pairedServer: true, terminalId: true })
  .partial()
export type SettingsPatch = z.infer<typeof settingsPatchSchema>

export const defaultSettings: Settings = {
  terminalLabel: 'Till 1',
  currency: 'USD',
  checkoutMode: 'native',
  chargeVia: 'legacy',
  theme: 'system',
  language: 'system',
  kiosk: false,
  customerDisplay: 'second-screen',
  sound: true,
  returnToKeypadSeconds: 5,
  tipPercentages: [15, 18, 20],
  maxAmount: 10_000,
  cashier: '',
  terminalId: null,
  pairedServer: null,
  receipts: defaultReceiptSettings,
  managerPinOffered: false,
  billLaterTitle: '',
  billLaterExpiryDays: 30,
  billLaterAllowPartial: true,
}
