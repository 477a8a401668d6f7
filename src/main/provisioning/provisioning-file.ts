import { z } from 'zod'
import { apiKeyInputSchema } from '../../shared/api-key'
import { currencyCodeSchema } from '../../shared/settings'
import {
  pairingCodeSchema,
  serverUrlInputSchema,
  terminalLabelSchema,
} from '../../shared/terminal-state'
import { PIN_HASH_PATTERN } from '../manager/pin-hash'

/**
 * What a manager prepares on another machine to set a terminal up with no typing at the till.
 * resources/provisioning.schema.json is generated from this (a test keeps them equal).
 */
export const provisioningSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1),
  serverUrl: serverUrlInputSchema.describe(
    'Address of the BTCPay Server, https (http only for localhost or .onion)',
  ),
  pairingCode: pairingCodeSchema.describe(
    'The 7-character pairing code made in BTCPay (Store > Access Tokens); valid 15 minutes',
  ),
  terminalLabel: terminalLabelSchema.describe(
    'Name of this till, shown in BTCPay and on the screen',
  ),
  defaultCurrency: currencyCodeSchema.describe('ISO 4217 currency of the keypad, e.g. EUR'),
  kiosk: z.boolean().describe('Lock the terminal into full-screen kiosk mode'),
  managerPinHash: z
    .string()
    .regex(PIN_HASH_PATTERN, 'must be made by `npm run provisioning:pin-hash`')
    .nullable()
    .describe(
      'Hash of the manager PIN (`npm run provisioning:pin-hash -- <pin>`), or null for no PIN',
    ),
  greenfieldApiKey: apiKeyInputSchema
    .optional()
    .describe(
      'Greenfield API key for this store (BTCPay: Account > API Keys), kept in the keychain only',
    ),
})
export type Provisioning = z.infer<typeof provisioningSchema>

/**
 * A failure's `problems` name the file's own JSON fields, as the manager wrote them (the screen
 * puts them after a lead-in in the till's language); `message` is the whole English sentence.
 */
export type ProvisioningParse =
  { ok: true; value: Provisioning } | { ok: false; message: string; problems: string }

/** Parses a provisioning file's text; a failure names the field (or the line) that is wrong. */
export function parseProvisioning(text: string): ProvisioningParse {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    const problems = `not valid JSON (${err instanceof Error ? err.message : 'unreadable'})`
    return { ok: false, message: `The provisioning file is ${problems}.`, problems }
  }
  const parsed = provisioningSchema.safeParse(json)
  if (parsed.success) return { ok: true, value: parsed.data }
  const problems = parsed.error.issues.slice(0, 3).map((issue) => {
    if (issue.code === 'unrecognized_keys')
      return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`
    const field = issue.path.join('.') || '(file)'
    return `field "${field}": ${issue.message}`
  })
  return {
    ok: false,
    message: `The provisioning file has a problem: ${problems.join('; ')}.`,
    problems: problems.join('; '),
  }
}

export function provisioningJsonSchema(): object {
  return {
    title: 'BTCPay Cashier provisioning file',
    ...z.toJSONSchema(provisioningSchema, { target: 'draft-7' }),
  }
}
