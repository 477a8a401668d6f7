import type { EventData, EventEnvelope, events } from './contract'

// Type-only imports: the customer preload must not pull the contract (and zod) into its bundle,
// or the bundler splits a chunk shared with the cashier preload, which a sandboxed preload
// cannot load. customer-api.test.ts checks these names against the contract.
/** The one event the customer's window may hear. */
export const CUSTOMER_CHANNEL = 'customer:view' satisfies keyof typeof events
const METHOD = 'onCustomerView' satisfies (typeof events)[typeof CUSTOMER_CHANNEL]['method']

/** `window.customerDisplay`: subscribe to the sanitized view of the sale, nothing else. */
export type CustomerApi = {
  onCustomerView(
    listener: (event: EventEnvelope<EventData<typeof CUSTOMER_CHANNEL>>) => void,
  ): () => void
}

/**
 * The customer display's bridge: the transport (Electron's preload, the browser host's socket)
 * hands each `customer:view` envelope to `deliver`, the page subscribes through `api`. There is no
 * request channel at all, so a compromised customer page cannot charge, pair or read the journal.
 * The newest view is kept for a listener that subscribes after it arrived: main sends the current
 * view as soon as the page loads, which can be before React subscribes.
 */
export function createCustomerApi(): { api: CustomerApi; deliver(envelope: unknown): void } {
  let latest: unknown = null
  const listeners = new Set<(envelope: unknown) => void>()
  const api = Object.freeze({
    [METHOD]: (listener: (envelope: unknown) => void) => {
      listeners.add(listener)
      if (latest !== null) listener(latest)
      return () => {
        listeners.delete(listener)
      }
    },
  }) as CustomerApi
  return {
    api,
    deliver(envelope) {
      latest = envelope
      for (const listener of listeners) listener(envelope)
    },
  }
}
