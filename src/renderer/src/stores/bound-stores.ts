import { pos } from '../bridge'
import { createApiKeyStore } from './api-key-store'
import { createAppStore } from './app-store'
import { createCartStore } from './cart-store'
import { createRefundsStore } from './refunds-store'
import { createPaymentRequestsStore } from './payment-requests-store'
import { createSalesStore } from './sales-store'
import { createShiftStore } from './shift-store'
import { createTerminalStore } from './terminal-store'

// The one place the stores meet window.pos; tests build their own with the fake API instead.
export const useAppStore = createAppStore(pos)
export const useTerminalStore = createTerminalStore(pos)
export const useSalesStore = createSalesStore(pos)
export const useApiKeyStore = createApiKeyStore(pos)
export const useShiftStore = createShiftStore(pos)
export const useRefundsStore = createRefundsStore(pos)
export const useCartStore = createCartStore(pos)
export const usePaymentRequestsStore = createPaymentRequestsStore(pos)

/** Subscribes every store to main's events and loads the first state; returns the unsubscribe. */
export function startStores(): () => void {
  const stores = [
    useAppStore,
    useTerminalStore,
    useSalesStore,
    useApiKeyStore,
    useShiftStore,
    useRefundsStore,
    useCartStore,
  ]
  const stops = stores.map((store) => store.getState().init())
  return () => stops.forEach((stop) => stop())
}
