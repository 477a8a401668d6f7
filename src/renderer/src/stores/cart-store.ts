import { create } from 'zustand'
import {
  itemForCode,
  type CartLineInput,
  type CatalogItem,
  type CatalogView,
  type ParkedCart,
  type PosAppList,
} from '../../../shared/catalog'
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
  startTip(): void
  cancelTip(): void
  parkCart(): Promise<boolean>
  resumeCart(cartId: string): Promise<boolean>
  refreshCatalog(): Promise<void>
  listPosApps(): Promise<Result<PosAppList>>
  chooseCatalogApp(input: RequestInput<'catalog:choose-app'>): Promise<Result<CatalogView>>
  setItemBarcode(input: RequestInput<'catalog:set-barcode'>): Promise<Result<CatalogView>>
}

let nextKey = 1

/** The cart's total in minor units, exact (integers only). */
export const cartTotal = (lines: readonly CartLine[]) =>
  lines.reduce((sum, l) => sum + l.unitMinor * l.quantity, 0)

/** A tip of `percent` on `subtotalMinor`, rounded half up to a whole minor unit. */
export const tipFor = (subtotalMinor: number, percent: number) =>
  Math.floor((subtotalMinor * percent + 50) / 100)

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

    return {
      catalog: null,
      catalogVersion: 0,
      parked: [],
      lines: [],
      tipping: false,
      keypadOnly: false,
      notice: null,

      init() {
        const offCatalog = api.onCatalogChanged(({ version, data }) => {
          if (version > get().catalogVersion) set({ catalog: data, catalogVersion: version })
        })
        const offCarts = api.onParkedCartsChanged(({ data }) => set({ parked: data.carts }))
        void api.getCatalog().then((r) => {
          if (r.ok && get().catalogVersion === 0) set({ catalog: r.data })
        })
        void api.listParkedCarts().then((r) => r.ok && set({ parked: r.data.carts }))
        return () => {
          offCatalog()
          offCarts()
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
      clear: () => set({ lines: [], tipping: false, notice: null }),
      showKeypad: (on) => set({ keypadOnly: on }),
      startTip: () => set({ tipping: true }),
      cancelTip: () => set({ tipping: false }),

      async parkCart() {
        const lines = get().lines.map(({ itemId, quantity, amount }) =>
          amount === undefined ? { itemId, quantity } : { itemId, quantity, amount },
        )
        const result = await api.parkCart({ lines })
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
        set((s) => ({
          lines: [...s.lines, ...back],
          notice: null,
          keypadOnly: false,
          tipping: false,
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
