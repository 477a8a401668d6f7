import { pos as api } from '../bridge'
import { useSalesStore } from '../stores/bound-stores'

/**
 * Tells main which sale the cashier has on screen (the customer display follows it), and, when
 * this page starts while main still knows one (the renderer crashed or hung and was reloaded),
 * opens that sale again, with the QR code the cashier had picked, so the cashier is back where
 * they were.
 */
export function followTillFocus(): () => void {
  let live = true
  let stopWatching = () => {}
  const store = useSalesStore
  void (async () => {
    const focused = await api.focusedSale()
    if (!live) return
    const resumed = focused.ok ? focused.data : null
    if (resumed && !store.getState().current) {
      const { sale, method } = resumed
      if (method) store.getState().recallPaymentMethod({ saleId: sale.id, method })
      await store.getState().openSale(sale.id)
    }
    if (!live) return
    let shown: string | null = resumed?.sale.id ?? null
    const report = (id: string | null) => {
      if (id === shown) return
      shown = id
      void api.focusSale({ saleId: id })
    }
    report(store.getState().current?.id ?? null)
    stopWatching = store.subscribe((s) => report(s.current?.id ?? null))
  })()
  return () => {
    live = false
    stopWatching()
  }
}
