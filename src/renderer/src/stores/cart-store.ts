import { create } from 'zustand'
import {
  itemForCode,
  type CartLineInput,
  type CatalogItem,
  type CatalogView,
  type ParkedCart,
  type PosAppList,
} from '../../../shared/catalog'
import type { TipChosen, TipQuestion } from '../../../shared/customer-tip'
import type { RequestInput } from '../../../shared/ipc/contract'
import type { PosApi } from '../../../shared/ipc/pos-api'
import type { Result } from '../../../shared/ipc/result'
import { parseAmount, type AmountRefusal } from '../../../shared/money'
import type { Problem } from '../i18n/fail-words'

/** A line on the till's cart. `unitMinor` is for display; main prices the cart again. */
export type CartLine = CartLineInput & {
  key: number
  /** Null for a custom amount, which the screen words in the cashier's language. */
  title: string | null
  unitMinor: number
}

/** Why the cart refused something: words the screen picks for the cashier's language. */
export type CartNotice =
  | { kind: 'sold-out' | 'needs-amount'; title: string }
  | { kind: 'below-minimum'; title: string; minimumMinor: number }
  | { kind: 'unknown-code'; code: string }
  /** An amount the check refused, and a refusal from main: the screen words either. */
  | { kind: 'amount-refused'; refusal: AmountRefusal }
  | { kind: 'refused'; problem: Problem }

type CartState = {
  catalog: CatalogView | null
  catalogVersion: number
  parked: ParkedCart[]
  lines: CartLine[]
  /** The customer is choosing a tip (the cart is ready to charge). */
  tipping: boolean
  /** The tip question on the customer display (null: the till asks, or no tip step). */
  tipQuestion: TipQuestion | null
  /** The till has not ended `tipQuestion` at main (the customer's answer leaves it open). */
  tipQuestionOpen: boolean
  /** The customer's answer, until the till takes it to charge. */
  tipAnswer: TipChosen | null
  /** The cashier turned to the keypad though the shop has a catalog. */
  keypadOnly: boolean
  /** The last refusal or unknown scan. */
  notice: CartNotice | null
  init(): () => void
  add(item: CatalogItem, amount?: string): boolean
  addAmount(amount: string): boolean
  scan(code: string): boolean
  setQuantity(key: number, quantity: number): void
  remove(key: number): void
  clear(): void
  showKeypad(on: boolean): void
  startTip(): Promise<void>
  cancelTip(): void
  /** Ends the question on the customer display (the cashier answers); main ignores later taps. */
  closeTipQuestion(): void
  /** The cashier chooses the tip on the till instead of the customer. */
  chooseForCustomer(): void
  takeTipAnswer(): TipChosen | null
  parkCart(): Promise<boolean>
  resumeCart(cartId: string): Promise<boolean>
  refreshCatalog(): Promise<void>
  listPosApps(): Promise<Result<PosAppList>>
  chooseCatalogApp(input: RequestInput<'catalog:choose-app'>): Promise<Result<CatalogView>>
  setItemBarcode(input: RequestInput<'catalog:set-barcode'>): Promise<Result<CatalogView>>
}

let nextKey = 1

/** Whether the till sells from a catalog (a picked PoS app with items), so scans mean something. */
export const sellsFromCatalog = (catalog: CatalogView | null): catalog is CatalogView =>
  catalog !== null && catalog.appId !== null && catalog.items.length > 0

/** The lines as main takes them: item ids, quantities and typed amounts, never prices. */
export const cartLineInputs = (lines: readonly CartLine[]): CartLineInput[] =>
  lines.map(({ itemId, quantity, amount }) =>
    amount === undefined ? { itemId, quantity } : { itemId, quantity, amount },
  )

/** The cart's total in minor units, exact (integers only). */
export const cartTotal = (lines: readonly CartLine[]) =>
  lines.reduce((sum, l) => sum + l.unitMinor * l.quantity, 0)

export const createCartStore = (api: PosApi) =>
  create<CartState>()((set, get) => {
    const currency = () => get().catalog?.currency ?? 'USD'
    const push = (line: Omit<CartLine, 'key'>) => {
      const lines = get().lines
      const same = line.itemId !== null && line.amount === undefined
      const at = same ? lines.findIndex((l) => l.itemId === line.itemId && !l.amount) : -1
      set({
        notice: null,
        lines:
          at >= 0
            ? lines.map((l, i) =>
                i === at ? { ...l, quantity: Math.min(999, l.quantity + 1) } : l,
              )
            : [...lines, { ...line, key: nextKey++ }],
      })
      return true
    }
    const typed = (amount: string | undefined) =>
      parseAmount(amount ?? '', currency(), Number.MAX_SAFE_INTEGER)
    const lineInputs = () => cartLineInputs(get().lines)
    /** Leaving the tip step by any way ends the customer's question first. */
    const endTip = { tipping: false, tipQuestion: null, tipQuestionOpen: false, tipAnswer: null }

    return {
      catalog: null,
      catalogVersion: 0,
      parked: [],
      lines: [],
      tipping: false,
      tipQuestion: null,
      tipQuestionOpen: false,
      tipAnswer: null,
      keypadOnly: false,
      notice: null,

      init() {
        const offCatalog = api.onCatalogChanged(({ version, data }) => {
          if (version > get().catalogVersion) set({ catalog: data, catalogVersion: version })
        })
        const offCarts = api.onParkedCartsChanged(({ data }) => set({ parked: data.carts }))
        const offTip = api.onCustomerTipChosen(({ data }) => {
          const { tipQuestion, tipQuestionOpen } = get()
          if (tipQuestionOpen && tipQuestion?.questionId === data.questionId) {
            set({ tipAnswer: data })
          }
        })
        void api.getCatalog().then((r) => {
          if (r.ok && get().catalogVersion === 0) set({ catalog: r.data })
        })
        void api.listParkedCarts().then((r) => r.ok && set({ parked: r.data.carts }))
        return () => {
          offCatalog()
          offCarts()
          offTip()
        }
      },

      add(item, amount) {
        if (item.inventory !== null && item.inventory <= 0) {
          set({ notice: { kind: 'sold-out', title: item.title } })
          return false
        }
        if (item.priceType === 'fixed') {
          return push({
            itemId: item.id,
            title: item.title,
            unitMinor: item.priceMinor ?? 0,
            quantity: 1,
          })
        }
        const check = typed(amount)
        if (!check.ok) {
          set({ notice: { kind: 'needs-amount', title: item.title } })
          return false
        }
        if (item.priceType === 'minimum' && check.minor < (item.priceMinor ?? 0)) {
          set({
            notice: {
              kind: 'below-minimum',
              title: item.title,
              minimumMinor: item.priceMinor ?? 0,
            },
          })
          return false
        }
        return push({
          itemId: item.id,
          title: item.title,
          unitMinor: check.minor,
          quantity: 1,
          amount,
        })
      },

      addAmount(amount) {
        const check = typed(amount)
        if (!check.ok) {
          set({ notice: { kind: 'amount-refused', refusal: check.refusal } })
          return false
        }
        return push({
          itemId: null,
          title: null,
          unitMinor: check.minor,
          quantity: 1,
          amount,
        })
      },

      scan(code) {
        const item = itemForCode(get().catalog?.items ?? [], code)
        if (!item) {
          set({ notice: { kind: 'unknown-code', code } })
          return false
        }
        return get().add(item)
      },

      setQuantity: (key, quantity) =>
        set((s) => ({
          lines: s.lines.map((l) =>
            l.key === key ? { ...l, quantity: Math.max(1, Math.min(999, quantity)) } : l,
          ),
        })),
      remove: (key) => set((s) => ({ lines: s.lines.filter((l) => l.key !== key) })),
      clear() {
        get().closeTipQuestion()
        set({ lines: [], notice: null, ...endTip })
      },
      showKeypad: (on) => set({ keypadOnly: on }),
      async startTip() {
        // Main prices the cart and asks the customer display when one is there.
        const asked = await api.askCustomerTip({ lines: lineInputs() })
        if (!asked.ok) {
          set({ notice: { kind: 'refused', problem: asked } })
          return
        }
        set({ tipping: true, tipQuestion: asked.data, tipQuestionOpen: asked.data !== null })
      },
      cancelTip() {
        get().closeTipQuestion()
        set(endTip)
      },
      closeTipQuestion() {
        const { tipQuestion, tipQuestionOpen } = get()
        if (!tipQuestion || !tipQuestionOpen) return
        set({ tipQuestionOpen: false })
        void api.closeCustomerTip({ questionId: tipQuestion.questionId })
      },
      chooseForCustomer() {
        get().closeTipQuestion()
        set({ tipQuestion: null })
      },
      takeTipAnswer() {
        const answer = get().tipAnswer
        if (answer) set({ tipAnswer: null })
        return answer
      },

      async parkCart() {
        const result = await api.parkCart({ lines: lineInputs() })
        if (!result.ok) {
          set({ notice: { kind: 'refused', problem: result } })
          return false
        }
        set({ lines: [], notice: null, parked: result.data.carts })
        return true
      },

      async resumeCart(cartId) {
        const result = await api.resumeCart({ cartId })
        if (!result.ok) {
          set({ notice: { kind: 'refused', problem: result } })
          return false
        }
        const items = get().catalog?.items ?? []
        const back = result.data.lines.map((l) => {
          const item = items.find((i) => i.id === l.itemId)
          const fixed = item?.priceType === 'fixed' ? (item.priceMinor ?? 0) : null
          const check = typed(l.amount)
          return {
            ...l,
            title: l.itemId === null ? null : l.title,
            key: nextKey++,
            unitMinor: fixed ?? (check.ok ? check.minor : 0),
          }
        })
        // Back to the cart whatever the till showed: the keypad or a tip step of the cart before.
        get().closeTipQuestion()
        set((s) => ({
          lines: [...s.lines, ...back],
          notice: null,
          keypadOnly: false,
          ...endTip,
        }))
        return true
      },

      async refreshCatalog() {
        const result = await api.refreshCatalog()
        if (result.ok) set({ catalog: result.data })
      },

      listPosApps: () => api.listPosApps(),

      async chooseCatalogApp(input) {
        const result = await api.chooseCatalogApp(input)
        if (result.ok) set({ catalog: result.data, lines: [], notice: null })
        return result
      },

      async setItemBarcode(input) {
        const result = await api.setItemBarcode(input)
        if (result.ok) set({ catalog: result.data })
        return result
      },
    }
  })
