import { create } from 'zustand'
import type { RequestInput } from '../../../shared/ipc/contract'
import type { PosApi } from '../../../shared/ipc/pos-api'
import type { FieldProblem, Result } from '../../../shared/ipc/result'
import { failText, type Problem } from '../i18n/fail-words'
import type {
  PaymentRequestDetail,
  PaymentRequestStatus,
  PaymentRequestView,
} from '../../../shared/payment-request'
import type { BillLaterDefaults } from '../../../shared/settings'

export type RequestsFilter = {
  status: PaymentRequestStatus | null
  includeArchived: boolean
  search: string
}

/** What the Requests tab shows: the list, a form (new or edit), or one request. */
export type RequestsPage =
  | { kind: 'list' }
  | {
      kind: 'new'
      amount: string
      title: string
      /** The expiry the form starts with, in days from now; null: none. */
      expiryDays: number | null
      allowPartial: boolean
    }
  | { kind: 'edit'; request: PaymentRequestView }
  | { kind: 'detail'; id: string }

export type PaymentRequestsState = {
  page: RequestsPage
  filter: RequestsFilter
  requests: PaymentRequestView[]
  loading: boolean
  /** The request shown on its page, refreshed while it is open. */
  detail: PaymentRequestDetail | null
  busy: boolean
  /** The last failure, in words for the cashier, and the form fields the server named. */
  error: string | null
  fields: FieldProblem[]
  show(page: RequestsPage): void
  /**
   * A new request's form, started from the settings' Bill later defaults: from the keypad with
   * the typed amount, and its description as the title when there is one.
   */
  billLater(amount: string, description: string, defaults: BillLaterDefaults): void
  setFilter(patch: Partial<RequestsFilter>): void
  listPaymentRequests(): Promise<void>
  getPaymentRequest(id: string): Promise<void>
  createPaymentRequest(input: RequestInput<'payment-requests:create'>): Promise<boolean>
  updatePaymentRequest(input: RequestInput<'payment-requests:update'>): Promise<boolean>
  archivePaymentRequest(id: string): Promise<boolean>
  /** Demo mode: plays the customer paying from their phone, then looks again. */
  simulateRequestPayment(input: RequestInput<'demo:simulate-request-payment'>): Promise<void>
}

export const createPaymentRequestsStore = (api: PosApi) =>
  create<PaymentRequestsState>()((set, get) => {
    const fail = (r: Problem & { fields?: FieldProblem[] }) =>
      set({ busy: false, loading: false, error: failText(r), fields: r.fields ?? [] })
    /** A create or an edit: the form stays with the server's field errors, or the request opens. */
    async function save(send: () => Promise<Result<PaymentRequestView>>): Promise<boolean> {
      if (get().busy) return false
      set({ busy: true, error: null, fields: [] })
      const r = await send()
      if (!r.ok) {
        fail(r)
        return false
      }
      set({ busy: false, page: { kind: 'detail', id: r.data.id }, detail: null })
      await get().getPaymentRequest(r.data.id)
      return true
    }
    return {
      page: { kind: 'list' },
      filter: { status: null, includeArchived: false, search: '' },
      requests: [],
      loading: false,
      detail: null,
      busy: false,
      error: null,
      fields: [],
      show: (page) =>
        set({ page, error: null, fields: [], ...(page.kind === 'detail' ? {} : { detail: null }) }),
      billLater: (amount, description, defaults) =>
        get().show({
          kind: 'new',
          amount,
          title: description || defaults.billLaterTitle,
          expiryDays: defaults.billLaterExpiryDays,
          allowPartial: defaults.billLaterAllowPartial,
        }),
      setFilter(patch) {
        set({ filter: { ...get().filter, ...patch } })
        void get().listPaymentRequests()
      },
      async listPaymentRequests() {
        const { status, includeArchived, search } = get().filter
        set({ loading: true, error: null })
        const r = await api.listPaymentRequests({
          includeArchived,
          ...(status ? { status } : {}),
          ...(search.trim() ? { search: search.trim() } : {}),
        })
        if (!r.ok) return fail(r)
        set({ loading: false, requests: r.data.requests })
      },
      async getPaymentRequest(id) {
        const r = await api.getPaymentRequest({ paymentRequestId: id })
        const page = get().page
        if (page.kind !== 'detail' || page.id !== id) return // the cashier moved on meanwhile
        if (!r.ok) return fail(r)
        set({ detail: r.data, error: null })
      },
      createPaymentRequest: (input) => save(() => api.createPaymentRequest(input)),
      updatePaymentRequest: (input) => save(() => api.updatePaymentRequest(input)),
      async simulateRequestPayment(input) {
        const r = await api.simulateRequestPayment(input)
        if (!r.ok) return fail(r)
        await get().getPaymentRequest(input.paymentRequestId)
      },
      async archivePaymentRequest(id) {
        if (get().busy) return false
        set({ busy: true, error: null })
        const r = await api.archivePaymentRequest({ paymentRequestId: id })
        if (!r.ok) {
          fail(r)
          return false
        }
        set({ busy: false })
        await get().getPaymentRequest(id)
        return true
      },
    }
  })
