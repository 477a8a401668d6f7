import {
  events,
  type EventChannel,
  type EventData,
  type EventEnvelope,
} from '../../shared/ipc/contract'
import type { Logger } from '../log/logger'

export type EventSink = (channel: EventChannel, envelope: EventEnvelope<unknown>) => void

/** Main's side of the event channels: validates each push and stamps it with a version that only grows. */
export function createEventHub(log: Logger) {
  let version = 0
  const sinks = new Set<EventSink>()
  return {
    emit<E extends EventChannel>(channel: E, data: EventData<E>): void {
      const parsed = events[channel].data.safeParse(data)
      if (!parsed.success) {
        log.error('ipc.bad-event', { channel })
        return
      }
      const envelope = { version: ++version, data: parsed.data }
      for (const sink of sinks) sink(channel, envelope)
    },
    /** Connects a transport (a window, a socket); returns the disconnect function. */
    connect(sink: EventSink): () => void {
      sinks.add(sink)
      return () => sinks.delete(sink)
    },
  }
}
export type EventHub = ReturnType<typeof createEventHub>
