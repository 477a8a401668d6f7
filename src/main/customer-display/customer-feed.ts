import type { EventEnvelope } from '../../shared/ipc/contract'
import type { EventHub } from '../ipc/event-hub'

export type CustomerSink = (envelope: EventEnvelope<unknown>) => void

/**
 * The `customer:view` events alone, for the customer's window or page. A display that opens
 * late (a screen plugged in, a page reloaded) gets the last view at once instead of a blank page.
 */
export function createCustomerFeed(hub: EventHub) {
  let last: EventEnvelope<unknown> | null = null
  const sinks = new Set<CustomerSink>()
  hub.connect((channel, envelope) => {
    if (channel !== 'customer:view') return
    last = envelope
    for (const sink of sinks) sink(envelope)
  })
  return {
    /** Sends the current view, then each new one; returns the disconnect function. */
    connect(sink: CustomerSink): () => void {
      if (last) sink(last)
      sinks.add(sink)
      return () => sinks.delete(sink)
    },
    /** Whether a customer display listens now. */
    connected: (): boolean => sinks.size > 0,
  }
}
export type CustomerFeed = ReturnType<typeof createCustomerFeed>
