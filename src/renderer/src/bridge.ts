// The only module that touches window.pos: the rest of the renderer imports `pos` from here.
import type { PosApi } from '../../shared/ipc/pos-api'

declare global {
  interface Window {
    pos?: PosApi
  }
}

/** Null when the page was opened outside the app (no preload, no browser host). */
export const pos: PosApi | null = window.pos ?? null
