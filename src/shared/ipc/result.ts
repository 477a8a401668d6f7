import { z } from 'zod'

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
/** A form field the server refused, named as the renderer's form names it. */
export type FieldProblem = { field: string; message: string }
/**
 * `field`: the input field a 'bad-input' failure concerns, so the form can say it there; `fields`:
 * the form fields the server refused (422), each with its sentence.
 */
export type Fail = {
  ok: false
  code: ErrorCode
  message: string
  field?: string
  fields?: FieldProblem[]
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
  ) {
    super(message)
    this.name = 'AppError'
  }
}
