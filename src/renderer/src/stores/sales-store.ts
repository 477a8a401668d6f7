import { create } from 'zustand'
import type { PaymentMethod } from '../../../shared/customer-view'
import type { ReceiptRef } from '../../../shared/receipts'
import type { RequestInput, RequestOutput } from '../../../shared/ipc/contract'
import type { PosApi } from '../../../shared/ipc/pos-api'
import type { Result } from '../../../shared/ipc/result'
import { paidAfterCancel, type SaleView } from '../../../shared/sale'
import type { Range } from '../sales/day-range'
import { failText } from '../i18n/fail-words'

export type Totals = RequestOutput<'sales:totals'>['totals']

/** Sales per history page; main caps a page at 200. */
export const PAGE_SIZE = 50

type History = {
  range: Range | null
  /** The History search as main applies it ('' shows every sale of the range). */
  search: string
  sales: SaleView[]
  /** The last page was full: there may be older sales in the range. */
  hasMore: boolean
  loading: boolean
  error: string | null
  totals: Totals
  /** Sales of the range a damaged journal line hides (amount unknown); see Manager. */
  unknownSales: number
}

export type SalesState = {
  /** The sale on the checkout screen; null shows the keypad. */
  current: SaleView | null
  /** Newest event version seen per sale id, and that event's view. */
  known: Record<string, { version: number; view: SaleView }>
  /** A charge, reopen or cancel is in flight. */
  busy: boolean
  /** The last charge, reopen or cancel failure, in words for the cashier. */
  error: string | null
  history: History
  /**
   * Sales the customer paid after the cashier had cancelled them, newest last. Each stays until
   * dismissed, on every screen; a dismissed sale does not come back.
   */
  paidAfterCancel: SaleView[]
  /** The QR code the cashier switched to, for that sale; none: the sale's preferred one. */
  pickedMethod: { saleId: string; method: PaymentMethod } | null
  init(): () => void
  charge(input: RequestInput<'sales:charge'>): Promise<boolean>
  /** A counter payment of a payment request: on the checkout screen like a charge. */
  payPaymentRequest(input: RequestInput<'payment-requests:pay'>): Promise<boolean>
  openSale(saleId: string): Promise<boolean>
  cancelSale(): Promise<boolean>
  /** Back to the keypad; the sale goes on in main (and in the history). */
  leave(): void
  clearError(): void
  dismissPaidAfterCancel(saleId: string): void
  /** The sales of a range, only those matching `search` (amount, order id or description) if given. */
  showRange(range: Range, search?: string): Promise<void>
  loadMore(): Promise<void>
  refreshTotals(): Promise<void>
  exportSalesCsv(range: Range): Promise<Result<RequestOutput<'sales:export-csv'>>>
  simulateCustomer(input: RequestInput<'demo:simulate'>): Promise<Result<{ done: true }>>
  previewReceipt(receipt: ReceiptRef): Promise<Result<RequestOutput<'receipts:preview'>>>
  reprintReceipt(receipt: ReceiptRef): Promise<Result<RequestOutput<'receipts:reprint'>>>
  /** The cashier switched the QR code: the customer display shows the same one. */
  showPaymentMethod(
    input: RequestInput<'till:show-payment-method'>,
  ): Promise<Result<{ done: true }>>
  /** A reloaded page shows the code main remembers for the sale; main already has it. */
  recallPaymentMethod(input: RequestInput<'till:show-payment-method'>): void
}

const emptyHistory: History = {
  range: null,
  search: '',
  sales: [],
  hasMore: false,
  loading: false,
  error: null,
  totals: [],
  unknownSales: 0,
}

const inRange = (range: Range | null, at: number) =>
  range !== null && at >= range.from && at < range.to

/** Puts a sale into a newest-first list: replaces it by id, or inserts it by time. */
export function mergeSale(list: SaleView[], sale: SaleView, hasMore: boolean): SaleView[] {
  const at = list.findIndex((s) => s.id === sale.id)
  if (at >= 0) return list.map((s, i) => (i === at ? sale : s))
  const last = list.at(-1)
  // Older than everything loaded while more pages exist: it will come with its page.
  if (hasMore && last && sale.createdAt < last.createdAt) return list
  const before = list.findIndex((s) => s.createdAt < sale.createdAt)
  return before < 0 ? [...list, sale] : [...list.slice(0, before), sale, ...list.slice(before)]
}

export function createSalesStore(api: PosApi) {
  /** Counts history requests so a slow answer for a day no longer shown is dropped. */
  let historyRequest = 0
  let totalsRequest = 0
  /** Sales whose paid-after-cancel notice was dismissed. */
  const dismissed = new Set<string>()

  return create<SalesState>()((set, get) => {
    /**
     * A request's fresh view, unless an event about the same sale arrived while it was in flight
     * and got further than 'creating': events are ordered by version, answers are not.
     */
    const fresher = (view: SaleView, versionBefore: number | undefined): SaleView => {
      const seen = get().known[view.id]
      if (seen && seen.version !== versionBefore && seen.view.phase !== 'creating') return seen.view
      return view
    }

    const receive = (version: number, sale: SaleView) => {
      const seen = get().known[sale.id]
      if (seen && version <= seen.version) return
      const { current, history } = get()
      // A search's rows are main's matches: a sale it did not list is not added by an event.
      const shown =
        inRange(history.range, sale.createdAt) &&
        (history.search === '' || history.sales.some((s) => s.id === sale.id))
      const notices = get().paidAfterCancel
      const noticed = notices.some((s) => s.id === sale.id)
      set({
        paidAfterCancel: noticed
          ? notices.map((s) => (s.id === sale.id ? sale : s))
          : paidAfterCancel(sale) && !dismissed.has(sale.id)
            ? [...notices, sale]
            : notices,
        known: { ...get().known, [sale.id]: { version, view: sale } },
        current: current?.id === sale.id ? sale : current,
        history: shown
          ? { ...history, sales: mergeSale(history.sales, sale, history.hasMore) }
          : history,
      })
      if (shown) void get().refreshTotals()
    }

    /** Puts a sale on the checkout screen; a pick of QR code belongs to its sale only. */
    const onScreen = (sale: SaleView | null) => {
      const picked = get().pickedMethod
      return { current: sale, pickedMethod: picked?.saleId === sale?.id ? picked : null }
    }

    /** A charge or a counter payment: one at a time, its sale on the checkout screen. */
    async function startSale(send: () => Promise<Result<SaleView>>): Promise<boolean> {
      if (get().busy) return false
      set({ busy: true, error: null })
      const result = await send()
      if (!result.ok) {
        set({ busy: false, error: failText(result) })
        return false
      }
      set({ busy: false, ...onScreen(fresher(result.data, undefined)) })
      return true
    }

    return {
      current: null,
      known: {},
      busy: false,
      error: null,
      history: emptyHistory,
      paidAfterCancel: [],
      pickedMethod: null,

      init() {
        // Subscribe before any read, so a change made in between is not missed.
        return api.onSaleChanged(({ version, data }) => receive(version, data))
      },

      charge: (input) => startSale(() => api.charge(input)),
      payPaymentRequest: (input) => startSale(() => api.payPaymentRequest(input)),

      async openSale(saleId) {
        if (get().busy) return false
        set({ busy: true, error: null })
        const before = get().known[saleId]?.version
        const result = await api.openSale({ saleId })
        if (!result.ok) {
          set({ busy: false, error: failText(result) })
          return false
        }
        set({ busy: false, ...onScreen(fresher(result.data, before)) })
        return true
      },

      async cancelSale() {
        const sale = get().current
        if (!sale || get().busy) return false
        set({ busy: true, error: null })
        const result = await api.cancelSale({ saleId: sale.id })
        if (!result.ok) {
          set({ busy: false, error: failText(result) })
          return false
        }
        set({ busy: false, ...onScreen(null) })
        return true
      },

      leave: () => set({ ...onScreen(null), error: null }),
      clearError: () => set({ error: null }),
      dismissPaidAfterCancel(saleId) {
        dismissed.add(saleId)
        set({ paidAfterCancel: get().paidAfterCancel.filter((s) => s.id !== saleId) })
      },

      async showRange(range, search = '') {
        const request = ++historyRequest
        set({ history: { ...emptyHistory, range, search, loading: true } })
        const [list] = await Promise.all([
          api.listSales({ ...range, limit: PAGE_SIZE, ...(search && { search }) }),
          get().refreshTotals(),
        ])
        if (request !== historyRequest) return
        const history = get().history
        set({
          history: list.ok
            ? {
                ...history,
                // Events that arrived while the page loaded are newer than its rows.
                sales: history.sales.reduce(
                  (acc, s) => mergeSale(acc, s, list.data.sales.length === PAGE_SIZE),
                  list.data.sales,
                ),
                hasMore: list.data.sales.length === PAGE_SIZE,
                loading: false,
                error: null,
              }
            : { ...history, loading: false, error: failText(list) },
        })
      },

      async loadMore() {
        const { history } = get()
        const last = history.sales.at(-1)
        if (!history.range || !last || history.loading) return
        const request = historyRequest
        set({ history: { ...history, loading: true } })
        const page = await api.listSales({
          ...history.range,
          ...(history.search && { search: history.search }),
          limit: PAGE_SIZE,
          before: { createdAt: last.createdAt, id: last.id },
        })
        if (request !== historyRequest) return
        const now = get().history
        if (!page.ok) {
          set({ history: { ...now, loading: false, error: failText(page) } })
          return
        }
        const ids = new Set(now.sales.map((s) => s.id))
        set({
          history: {
            ...now,
            sales: [...now.sales, ...page.data.sales.filter((s) => !ids.has(s.id))],
            hasMore: page.data.sales.length === PAGE_SIZE,
            loading: false,
            error: null,
          },
        })
      },

      async refreshTotals() {
        const range = get().history.range
        if (!range) return
        const request = ++totalsRequest
        const result = await api.salesTotals(range)
        if (request !== totalsRequest || get().history.range !== range) return
        const history = get().history
        set({
          history: result.ok
            ? { ...history, totals: result.data.totals, unknownSales: result.data.unknown }
            : { ...history, error: failText(result) },
        })
      },

      exportSalesCsv: (range) => api.exportSalesCsv(range),
      simulateCustomer: (input) => api.simulateCustomer(input),
      previewReceipt: (receipt) => api.previewReceipt(receipt),
      reprintReceipt: (receipt) => api.reprintReceipt(receipt),
      showPaymentMethod(input) {
        set({ pickedMethod: input })
        return api.showPaymentMethod(input)
      },
      recallPaymentMethod: (input) => set({ pickedMethod: input }),
    }
  })
}
