/**
 * Log events a stranger can cause at will (wrong PINs, refused or failed IPC requests, refused
 * bridge sockets). Unlimited, a guessing loop would rotate the real history out of the 3 x 1 MB
 * of logs; limited, an attack leaves a few lines and a count.
 */
const NOISY_PREFIXES = ['manager.pin-', 'ipc.reject-', 'ipc.fail', 'host.bridge-', 'host.customer-']
const PER_MINUTE = 20
const MINUTE = 60_000

export type NoisyEventGate = {
  /** True when this line may be written; when a new minute starts, also the count held back. */
  admit(event: string, at: number): { write: boolean; suppressedBefore: number }
}

export function createNoisyEventGate(): NoisyEventGate {
  const windows = new Map<string, { start: number; written: number; suppressed: number }>()
  return {
    admit(event, at) {
      if (!NOISY_PREFIXES.some((p) => event.startsWith(p)))
        return { write: true, suppressedBefore: 0 }
      let w = windows.get(event)
      let suppressedBefore = 0
      if (!w || at - w.start >= MINUTE) {
        suppressedBefore = w?.suppressed ?? 0
        w = { start: at, written: 0, suppressed: 0 }
        windows.set(event, w)
      }
      if (w.written < PER_MINUTE) {
        w.written += 1
        return { write: true, suppressedBefore }
      }
      w.suppressed += 1
      return { write: false, suppressedBefore }
    },
  }
}
