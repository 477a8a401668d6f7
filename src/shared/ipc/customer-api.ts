import type { CustomerTipChoice } from '../customer-tip'
import type { EventData, EventEnvelope, events } from './contract'

// Type-only imports: the customer preload must not pull the contract (and zod) into its bundle,
// or the bundler splits a chunk shared with the cashier preload, which a sandboxed preload
// cannot load. customer-api.test.ts checks these names against the contract.
/** The one event the customer's window may hear. */
export const CUSTOMER_CHANNEL = 'customer:view' satisfies keyof typeof events
const METHOD = 'onCustomerView' satisfies (typeof events)[typeof CUSTOMER_CHANNEL]['method']
/** The one message the customer's window may send: its answer to the open tip question. */
export const CHOOSE_TIP_CHANNEL = 'customer:choose-tip'

/** `window.customerDisplay`: follow the sanitized view of the sale, and answer the tip question. */
export type CustomerApi = {
  onCustomerView(
    listener: (event: EventEnvelope<EventData<typeof CUSTOMER_CHANNEL>>) => void,
  ): () => void
  chooseTip(choice: CustomerTipChoice): void
}

/**
 * The customer display's bridge: the transport (Electron's preload, the browser host's socket)
 * hands each `customer:view` envelope to `deliver`, the page subscribes through `api`. The only
 * way back is `chooseTip`, a message without a reply that main accepts only while it asks the
 * customer for a tip (src/main/customer-display/tip-question.ts), so a compromised customer page
 * cannot charge, pair or read the journal. The newest view is kept for a listener that subscribes
 * after it arrived: main sends the current view as soon as the page loads, which can be before
 * React subscribes.
 */
export function createCustomerApi(sendTipChoice: (choice: unknown) => void): {
  api: CustomerApi
  deliver(envelope: unknown): void
} {
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
    chooseTip: (choice: unknown) => {
      sendTipChoice(choice)
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
