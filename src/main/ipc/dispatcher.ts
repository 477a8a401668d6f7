import type { z } from 'zod'
import {
  isRequestChannel,
  requests,
  type RequestChannel,
  type RequestOutput,
} from '../../shared/ipc/contract'
import { AppError, failSchema, type Fail, type Result } from '../../shared/ipc/result'
import type { Logger } from '../log/logger'
import { inputProblem } from './input-problem'

/** Who sent a request, as far as main can tell. Electron fills it from the event's sender frame, the browser host from its socket. */
export type SenderInfo = {
  /** URL of the frame that sent the request; null when the frame is gone (treated as untrusted). */
  frameUrl: string | null
  isTopFrame: boolean
  /** The window (webContents) the request came from; the host uses its connection number. */
  contentsId: number
}

export type Handlers = {
  [C in RequestChannel]: (
    input: z.output<(typeof requests)[C]['input']>,
  ) => Promise<RequestOutput<C>>
}

export type Dispatch = (
  sender: SenderInfo,
  channel: unknown,
  raw: unknown,
) => Promise<Result<unknown>>

/**
 * The only way a request reaches a handler: sender checked, input parsed strictly, output parsed
 * against the contract (so nothing outside the schema, such as a secret, can leave main), and every
 * failure turned into `{ ok: false, code, message }`.
 */
export function createDispatcher(opts: {
  handlers: Handlers
  isTrustedSender: (sender: SenderInfo) => boolean
  log: Logger
}): Dispatch {
  const { handlers, isTrustedSender, log } = opts
  return async (sender, channel, raw) => {
    if (!isRequestChannel(channel)) {
      log.warn('ipc.reject-channel', { channel: String(channel).slice(0, 64) })
      return { ok: false, code: 'unknown-channel', message: 'This request is not part of the app.' }
    }
    if (!isTrustedSender(sender)) {
      log.warn('ipc.reject-sender', { channel, frameUrl: sender.frameUrl?.slice(0, 200) })
      return {
        ok: false,
        code: 'forbidden-sender',
        message: 'This page may not talk to the terminal.',
      }
    }
    const spec = requests[channel]
    let parsed: z.ZodSafeParseResult<unknown>
    try {
      parsed = spec.input.safeParse(raw)
    } catch {
      parsed = { success: false } as z.ZodSafeParseResult<unknown>
    }
    if (!parsed.success) {
      const issues = parsed.error?.issues ?? []
      log.warn('ipc.reject-input', {
        channel,
        issues: issues.slice(0, 5).map((i) => `${i.path.join('.') || '(input)'}: ${i.code}`),
      })
      const problem = inputProblem(issues)
      return {
        ok: false,
        code: 'bad-input',
        message: problem.message,
        ...(problem.field && { field: problem.field }),
        words: [problem.words],
      }
    }
    try {
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>
      const output = spec.output.safeParse(await handler(parsed.data))
      if (!output.success) {
        log.error('ipc.bad-output', {
          channel,
          issues: output.error.issues.slice(0, 5).map((i) => i.path.join('.')),
        })
        return {
          ok: false,
          code: 'internal',
          message: 'The terminal produced an unexpected answer.',
        }
      }
      return { ok: true, data: output.data }
    } catch (err) {
      if (err instanceof AppError) {
        log.info('ipc.fail', { channel, code: err.code })
        const fail: Fail = {
          ok: false,
          code: err.code,
          message: err.message,
          ...(err.field && { field: err.field }),
          ...(err.fields ? { fields: err.fields } : {}),
          ...(err.words ? { words: err.words } : {}),
        }
        if (failSchema.safeParse(fail).success) return fail
        // Words or fields out of shape: the code alone still tells the renderer what happened.
        log.error('ipc.bad-fail', { channel, code: err.code })
        return { ok: false, code: err.code, message: err.message.slice(0, 4000) }
      }
      log.error('ipc.crash', { channel, err })
      return {
        ok: false,
        code: 'internal',
        message: 'Something went wrong in the terminal. Try again.',
      }
    }
  }
}
