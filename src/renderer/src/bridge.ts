// The only module that touches window.pos: the stores are built with `pos` from here (stores/bound-stores.ts).
import { createPosApi, type PosApi } from '../../shared/ipc/pos-api'

declare global {
  interface Window {
    pos?: PosApi
  }
}

/** False when the page was opened outside the app (no preload, no browser host). */
export const coreReachable: boolean = window.pos !== undefined

/**
 * window.pos; outside the app a stand-in whose every call fails, so the stores can be built the
 * same way while App shows why nothing works.
 */
export const pos: PosApi =
  window.pos ??
  createPosApi(
    () => Promise.reject(new Error('no terminal core')),
    () => () => undefined,
  )
