import { z } from 'zod'
import { capabilityIdSchema } from './capabilities'
import { serverUrlInputSchema } from './terminal-state'

/**
 * What the Manager screen sees of the terminal's Greenfield API key. Never the key itself: it
 * stays in main's keychain vault.
 */

/** One thing the terminal can do with a key, and the permissions it takes. */
export const capabilitySchema = z.strictObject({
  id: capabilityIdSchema,
  /** In a manager's English, for logs. */
  words: z.string(),
  /** Permissions the key lacks for this, as BTCPay spells them; empty when it is allowed. */
  missing: z.array(z.string()),
})

export const apiKeyViewSchema = z.strictObject({
  state: z.discriminatedUnion('status', [
    z.strictObject({ status: z.literal('none') }),
    z.strictObject({
      /** Waiting for BTCPay's consent page to post the key back. */
      status: z.literal('authorizing'),
      serverUrl: z.string(),
      authorizeUrl: z.string(),
      /** Main already opened the system browser; if false the page opens the link itself. */
      opened: z.boolean(),
      expiresAt: z.number(),
    }),
    z.strictObject({
      /** The key works in several stores (or all of them): the manager picks the one of this till. */
      status: z.literal('choose-store'),
      serverUrl: z.string(),
      /** Store ids from the key's store-scoped permissions; empty when the key is not limited to stores. */
      stores: z.array(z.string()),
    }),
    z.strictObject({
      status: z.literal('ready'),
      serverUrl: z.string(),
      storeId: z.string(),
      label: z.string().nullable(),
      capabilities: z.array(capabilitySchema),
    }),
  ]),
  /** News for the manager: why authorizing failed, or that a removed key must be revoked by hand. */
  notice: z.string().nullable(),
})
export type ApiKeyView = z.infer<typeof apiKeyViewSchema>

export const apiKeyInputSchema = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9_-]{8,256}$/,
    'an API key is one word of letters and digits, as BTCPay shows it',
  )

export const storeIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,128}$/, 'a store id is letters and digits, as BTCPay shows it')

export const apiKeyServerSchema = z.strictObject({ serverUrl: serverUrlInputSchema })
