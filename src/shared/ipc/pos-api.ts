import { failSchema, type Fail, type Result } from './result'
import {
  events,
  requests,
  type EventChannel,
  type EventData,
  type EventEnvelope,
  type RequestChannel,
  type RequestInput,
  type RequestOutput,
} from './contract'

type RequestFn<C extends RequestChannel> = [RequestInput<C>] extends [undefined]
  ? () => Promise<Result<RequestOutput<C>>>
  : (input: RequestInput<C>) => Promise<Result<RequestOutput<C>>>

type EventFn<E extends EventChannel> = (
  listener: (event: EventEnvelope<EventData<E>>) => void,
) => () => void

/** `window.pos`: one function per contract entry, named by the contract. */
export type PosApi = {
  [C in RequestChannel as (typeof requests)[C]['method']]: RequestFn<C>
} & {
  [E in EventChannel as (typeof events)[E]['method']]: EventFn<E>
}

export type Invoke = (channel: RequestChannel, input: unknown) => Promise<unknown>
export type Subscribe = (channel: EventChannel, listener: (envelope: unknown) => void) => () => void

const noAnswer: Fail = {
  ok: false,
  code: 'internal',
  message: 'The terminal core did not answer. Try again.',
}

/** A failure is checked on arrival like any answer: one out of shape is an internal one. */
function checkedFail(answer: unknown): unknown {
  const failed = typeof answer === 'object' && answer !== null && 'ok' in answer && !answer.ok
  return failed && !failSchema.safeParse(answer).success
    ? { ...noAnswer, message: 'The terminal core answered out of shape.' }
    : answer
}

/**
 * Builds `window.pos` from a transport. The Electron preload passes ipcRenderer, the browser host
 * a WebSocket; both get the same surface, so the renderer cannot tell them apart.
 */
export function createPosApi(invoke: Invoke, subscribe: Subscribe): PosApi {
  const api: Record<string, unknown> = {}
  for (const channel of Object.keys(requests) as RequestChannel[]) {
    api[requests[channel].method] = (input?: unknown) =>
      invoke(channel, input).then(checkedFail, (): Fail => noAnswer)
  }
  for (const channel of Object.keys(events) as EventChannel[]) {
    api[events[channel].method] = (listener: (envelope: unknown) => void) =>
      subscribe(channel, (envelope) => listener(envelope))
  }
  return Object.freeze(api) as PosApi
}
