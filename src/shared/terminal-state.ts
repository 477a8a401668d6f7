import { z } from 'zod'
import { capabilityIdSchema } from './capabilities'
import { sentencesSchema } from './ipc/sentence'

/** 7 base58 characters, as BTCPay makes them. */
export const pairingCodeSchema = z
  .string()
  .trim()
  .regex(/^[1-9A-HJ-NP-Za-km-z]{7}$/, 'a pairing code has exactly 7 letters and digits')

export const serverUrlInputSchema = z.string().trim().min(1, 'enter the server address').max(2048)
export const terminalLabelSchema = z.string().trim().min(1).max(64)
export const managerPinSchema = z.string().regex(/^\d{4,12}$/, 'a PIN has 4 to 12 digits')

export const identityViewSchema = z.strictObject({
  /** Compressed public key, lowercase hex: what BTCPay's "Create token" form takes. */
  publicKeyHex: z.string(),
  sin: z.string(),
})

export const pairingViewSchema = z.strictObject({
  method: z.enum(['client-code', 'public-key']),
  serverUrl: z.string(),
  /** Client-initiated pairing only: the code to approve and the link to approve it. */
  pairingCode: z.string().nullable(),
  approvalUrl: z.string().nullable(),
  /** When the code stops working, ms since epoch. */
  expiresAt: z.number().nullable(),
  /** The last poll's problem, if the server could not be asked (it keeps trying), in English. */
  pollError: z.string().nullable(),
  /** The same as sentences the till words in its language. */
  pollErrorWords: sentencesSchema.optional(),
})

export const connectionSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('starting') }),
  z.strictObject({
    status: z.literal('keychain-unavailable'),
    reason: z.enum(['no-secret-service', 'locked', 'error']),
    message: z.string(),
  }),
  z.strictObject({ status: z.literal('identity-damaged'), message: z.string() }),
  z.strictObject({
    status: z.literal('unpaired'),
    identity: identityViewSchema,
    /** Why the terminal is unpaired again (a code expired, the manager cancelled), if it is news, in English. */
    notice: z.string().nullable(),
    /** The same as sentences the till words in its language. */
    noticeWords: sentencesSchema.optional(),
  }),
  z.strictObject({
    status: z.literal('pairing'),
    identity: identityViewSchema,
    pairing: pairingViewSchema,
  }),
  z.strictObject({
    status: z.literal('paired'),
    identity: identityViewSchema,
    server: z.strictObject({ url: z.string(), pairedAt: z.number(), label: z.string() }),
  }),
])
export type Connection = z.infer<typeof connectionSchema>

export const terminalStateSchema = z.strictObject({
  connection: connectionSchema,
  manager: z.strictObject({
    /** A manager PIN is set: manager screens ask for it. */
    pinSet: z.boolean(),
    unlocked: z.boolean(),
    /** The keychain could not say whether a PIN is set: locked until it can (fail closed). */
    pinUnreadable: z.boolean(),
  }),
  /** The last offline provisioning attempt, for the manager to read. */
  provisioning: z
    .strictObject({ ok: z.boolean(), message: z.string(), words: sentencesSchema, at: z.number() })
    .nullable(),
})
export type TerminalState = z.infer<typeof terminalStateSchema>

/** "Test connection": each way the till reaches BTCPay, what works and what does not. */
export const connectionTestSchema = z.strictObject({
  /** The legacy API through the pairing: a BitId-signed GET /invoices. */
  legacy: z.discriminatedUnion('ok', [
    z.strictObject({
      ok: z.literal(true),
      latencyMs: z.number(),
      /** How many invoices a signed GET /invoices returned: proof the signature and store match. */
      invoicesSeen: z.number(),
    }),
    z.strictObject({ ok: z.literal(false), message: z.string(), words: sentencesSchema }),
  ]),
  /**
   * The Greenfield API key (GET /api/v1/api-keys/current), checked when the till has one or
   * charges with it; null when it does neither.
   */
  greenfield: z
    .discriminatedUnion('ok', [
      z.strictObject({
        ok: z.literal(true),
        latencyMs: z.number(),
        storeId: z.string(),
        /** What the key may do in that store, and may not (the till words each capability). */
        allowed: z.array(capabilityIdSchema),
        notAllowed: z.array(capabilityIdSchema),
      }),
      z.strictObject({
        ok: z.literal(false),
        storeId: z.string().nullable(),
        /** English, for logs; `words` is what the till shows. */
        message: z.string(),
        words: sentencesSchema,
      }),
    ])
    .nullable(),
})
export type ConnectionTest = z.infer<typeof connectionTestSchema>
