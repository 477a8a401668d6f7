import { z } from 'zod'
import { sentencesSchema, type Sentence } from './sentence'

/**
 * Stable error codes a renderer may branch on. Add, never rename: the renderer's messages and tests
 * key on these strings.
 */
export const errorCodes = [
  'bad-input',
  'forbidden-sender',
  'unknown-channel',
  'internal',
  'keychain-unavailable',
  'not-paired',
  'already-paired',
  'invalid-server-url',
  'unauthorized',
  'forbidden',
  'not-found',
  'bad-request',
  'pairing-expired',
  'pairing-reused-key',
  'pairing-code-unknown',
  'server-error',
  'connection-refused',
  'dns',
  'tls',
  'timeout',
  'malformed-response',
  'network',
  'provisioning-invalid',
  'rate-limited',
  'unexpected-redirect',
  'manager-locked',
  'pairing-in-progress',
  'identity-damaged',
  'busy',
] as const

export const errorCodeSchema = z.enum(errorCodes)
export type ErrorCode = z.infer<typeof errorCodeSchema>

export type Ok<T> = { ok: true; data: T }
/**
 * A form field the server refused, named as the renderer's form names it; `words` what the
 * renderer shows (`message` is English, for logs).
 */
export type FieldProblem = { field: string; message: string; words?: Sentence[] }
/**
 * `field`: the input field a 'bad-input' failure concerns, so the form can say it there; `fields`:
 * the form fields the server refused (422), each with its sentence; `words`: what to tell the
 * person at the till, in sentences the renderer words in its language (without them it words
 * `code`). `message` is the same in English, for logs; the renderer never shows it.
 */
export type Fail = {
  ok: false
  code: ErrorCode
  message: string
  field?: string
  fields?: FieldProblem[]
  words?: Sentence[]
}
export type Result<T> = Ok<T> | Fail

/** An error whose code and message are meant for the person at the till; anything else is 'internal'. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The input field it concerns, if one. */
    readonly field?: string,
    /** Which fields of the form the server refused, when it said (422). */
    readonly fields?: FieldProblem[],
    /** The message as sentences the renderer words in the till's language. */
    readonly words?: Sentence[],
  ) {
    super(message)
    this.name = 'AppError'
  }
}

/** An AppError said in sentences too; `message` is their English, for logs. */
export function explained(
  code: ErrorCode,
  words: Sentence | Sentence[],
  message: string,
  field?: string,
): AppError {
  return new AppError(code, message, field, undefined, Array.isArray(words) ? words : [words])
}

/** A failure as it crosses IPC, checked on both sides like every answer. */
export const failSchema = z.strictObject({
  ok: z.literal(false),
  code: errorCodeSchema,
  message: z.string().max(4000),
  field: z.string().max(100).optional(),
  fields: z
    .array(
      z.strictObject({
        field: z.string().max(100),
        message: z.string().max(4000),
        words: sentencesSchema.optional(),
      }),
    )
    .max(50)
    .optional(),
  words: sentencesSchema.optional(),
})
