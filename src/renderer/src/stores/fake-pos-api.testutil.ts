import type { EventEnvelope } from '../../../shared/ipc/contract'
import type { PosApi } from '../../../shared/ipc/pos-api'
import type { Fail, Result } from '../../../shared/ipc/result'
import type { Sentence } from '../../../shared/ipc/sentence'
import type { SaleView } from '../../../shared/sale'

/** A SaleView with sensible defaults for tests. */
export function saleView(patch: Partial<SaleView> = {}): SaleView {
  return {
    id: 'sale-1',
    orderId: 'TILL1-0001',
    createdAt: 1_700_000_000_000,
    amountMinor: 1250,
    currency: 'USD',
    description: null,
    phase: 'waiting',
    invoiceId: 'inv-1',
    checkoutLink: 'https://btcpay.example.com/i/inv-1',
    expiresAt: 1_700_000_900_000,
    cancelledAt: null,
    paymentRequestId: null,
    payment: {
      bip21: 'bitcoin:bc1qexample?amount=0.00025',
      bolt11: 'lnbc250u1example',
      btcPrice: '0.00025',
      btcDue: '0.00025',
      btcPaid: '0',
      rate: '50000',
    },
    trouble: null,
    ...patch,
  }
}

type Listener = (event: EventEnvelope<SaleView>) => void

/**
 * A PosApi for store tests: every sales call is a vitest-free stub the test replaces, the sale
 * event can be pushed by hand, and each call is recorded.
 */
export function fakePosApi() {
  const listeners = new Set<Listener>()
  const calls: Array<{ method: string; input: unknown }> = []
  const unused = async (): Promise<Fail> => ({ ok: false, code: 'internal', message: 'unused' })
  const handlers: Record<string, (input: unknown) => Promise<Result<unknown>>> = {}
  const call =
    (method: string) =>
    (input?: unknown): Promise<Result<unknown>> => {
      calls.push({ method, input })
      return (handlers[method] ?? unused)(input)
    }
  const api = new Proxy({} as PosApi, {
    get(_t, method: string) {
      if (method === 'onSaleChanged') {
        return (listener: Listener) => {
          listeners.add(listener)
          return () => listeners.delete(listener)
        }
      }
      if (method.startsWith('on')) return () => () => undefined
      return call(method)
    },
  })
  return {
    api,
    calls,
    listenerCount: () => listeners.size,
    /** Answers `method` with what `fn` returns. */
    on<T>(method: keyof PosApi, fn: (input: never) => Result<T> | Promise<Result<T>>) {
      handlers[method] = async (input) => fn(input as never)
    },
    push(version: number, data: SaleView) {
      for (const l of listeners) l({ version, data })
    },
  }
}

export const ok = <T>(data: T): Result<T> => ({ ok: true, data })
/** A failure as main sends it: `message` in English for logs, `words` what the till shows. */
export const fail = (message: string, words?: Sentence[]): Fail => ({
  ok: false,
  code: 'network',
  message,
  ...(words && { words }),
})

/** A promise with its resolve exposed, to hold an answer back. */
export function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}
