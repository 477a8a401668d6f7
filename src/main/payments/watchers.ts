/**
 * A registry of invoice watchers for the main process: at most one per invoice id, all sending
 * to one sink (e.g. the event hub), forgotten by themselves once the invoice is final.
 */
import type { WatchConnection, WatchInvoiceOptions } from './invoice-watcher.js'
import { watchInvoice } from './invoice-watcher.js'
import type { PaymentStatus } from './payment-status.js'

export interface WatchersOptions extends Omit<
  WatchInvoiceOptions,
  'invoiceId' | 'onStatus' | 'onConnection'
> {
  onStatus: (status: PaymentStatus) => void
  onConnection?: (invoiceId: string, c: WatchConnection) => void
  /** For tests: the watcher factory. */
  watch?: typeof watchInvoice
}

export interface Watchers {
  /** Starts watching `invoiceId` unless it is already watched (then nothing happens). */
  watch(invoiceId: string): void
  /** Fetches now; resolves at once for an invoice not watched. */
  refresh(invoiceId: string): Promise<void>
  stop(invoiceId: string): void
  stopAll(): void
  has(invoiceId: string): boolean
  /** The invoice ids being watched. */
  ids(): string[]
}

export function createWatchers(options: WatchersOptions): Watchers {
  const { onStatus, onConnection, watch = watchInvoice, ...shared } = options
  const active = new Map<string, { stop(): void; refresh(): Promise<void> }>()

  return {
    watch(invoiceId) {
      if (active.has(invoiceId)) return
      // Put the entry in first: a watcher never calls back synchronously, but be safe anyway.
      const entry = { stop() {}, refresh: async () => {} }
      active.set(invoiceId, entry)
      const watcher = watch({
        ...shared,
        invoiceId,
        onStatus: (status) => {
          if (status.final && active.get(invoiceId) === entry) active.delete(invoiceId)
          onStatus(status)
        },
        onConnection: (c) => onConnection?.(invoiceId, c),
      })
      entry.stop = () => watcher.stop()
      entry.refresh = () => watcher.refresh()
    },
    refresh(invoiceId) {
      return active.get(invoiceId)?.refresh() ?? Promise.resolve()
    },
    stop(invoiceId) {
      const entry = active.get(invoiceId)
      active.delete(invoiceId)
      entry?.stop()
    },
    stopAll() {
      const entries = [...active.values()]
      active.clear()
      for (const entry of entries) entry.stop()
    },
    has(invoiceId) {
      return active.has(invoiceId)
    },
    ids() {
      return [...active.keys()]
    },
  }
}
