import { z } from 'zod'

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
  kiosk: z.boolean(),
  sound: z.boolean(),
  returnToKeypadSeconds: z.int().min(0).max(120),
})
export type Settings = z.infer<typeof settingsSchema>

export const settingsPatchSchema = settingsSchema.partial()
export type SettingsPatch = z.infer<typeof settingsPatchSchema>

export const defaultSettings: Settings = {
  terminalLabel: 'Till 1',
  currency: 'USD',
  checkoutMode: 'native',
  kiosk: false,
  sound: true,
  returnToKeypadSeconds: 5,
}
