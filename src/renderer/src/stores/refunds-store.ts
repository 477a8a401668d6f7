import { create } from 'zustand'
import type { Result } from '../../../shared/ipc/result'
import type { PosApi } from '../../../shared/ipc/pos-api'
import type { PrintOutcome } from '../../../shared/receipts'
import type { RefundInput, RefundOptions, RefundView } from '../../../shared/refund'

type Range = { from: number; to: number }

type RefundsState = {
  /** Every void and refund seen, by sale: History shows them on their sale. */
  bySale: Record<string, RefundView[]>
  /** Voids the cashier has not yet acknowledged (voided, or left payable), oldest first. */
  voidNotices: RefundView[]
  /** Version of the newest `refund:changed` seen; older pushes are dropped. */
  version: number
  /**
   * Automatic prints of void and refund slips, by refund id: kept here because a slip may print
   * before the screen that shows its outcome has mounted.
   */
  slipPrints: Record<string, PrintOutcome>
  init(): () => void
  listRefunds(range: Range): Promise<void>
  previewRefund(saleId: string): Promise<Result<RefundOptions>>
  refundSale(input: RefundInput): Promise<Result<RefundView>>
  simulateRefundClaim(refundId: string): Promise<Result<{ done: true }>>
  dismissVoidNotice(refundId: string): void
}

const upsert = (bySale: RefundsState['bySale'], r: RefundView): RefundsState['bySale'] => {
  const list = (bySale[r.saleId] ?? []).filter((x) => x.id !== r.id)
  return { ...bySale, [r.saleId]: [...list, r].sort((a, b) => a.createdAt - b.createdAt) }
}

/**
 * Voids and refunds (contract channels `refunds:*`, `refund:changed`). One name per operation:
 * `listRefunds`, `previewRefund`, `refundSale` are the core's names too (refunds/refund-desk.ts).
 */
export const createRefundsStore = (api: PosApi) =>
  create<RefundsState>()((set, get) => ({
    bySale: {},
    voidNotices: [],
    version: 0,
    slipPrints: {},
    init() {
      const offPrinted = api.onReceiptPrinted(({ data }) => {
        const { refundId, outcome } = data
        if (refundId !== null)
          set((s) => ({ slipPrints: { ...s.slipPrints, [refundId]: outcome } }))
      })
      const offChanged = api.onRefundChanged(({ version, data }) => {
        if (version <= get().version) return
        const settledVoid = data.kind === 'void' && data.state !== 'requested'
        set((s) => ({
          version,
          bySale: upsert(s.bySale, data),
          voidNotices: settledVoid
            ? [...s.voidNotices.filter((n) => n.id !== data.id), data]
            : s.voidNotices,
        }))
      })
      return () => {
        offPrinted()
        offChanged()
      }
    },
    async listRefunds(range) {
      const result = await api.listRefunds(range)
      if (!result.ok) return
      set((s) => ({ bySale: result.data.refunds.reduce(upsert, s.bySale) }))
    },
    previewRefund: (saleId) => api.previewRefund({ saleId }),
    async refundSale(input) {
      const result = await api.refundSale(input)
      if (result.ok) set((s) => ({ bySale: upsert(s.bySale, result.data) }))
      return result
    },
    simulateRefundClaim: (refundId) => api.simulateRefundClaim({ refundId }),
    dismissVoidNotice: (refundId) =>
      set((s) => ({ voidNotices: s.voidNotices.filter((n) => n.id !== refundId) })),
  }))
