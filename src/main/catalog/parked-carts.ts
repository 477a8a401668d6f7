import { randomUUID } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { parkedCartSchema, type CatalogView, type ParkedCart } from '../../shared/catalog'
import type { RequestInput } from '../../shared/ipc/contract'
import { explained } from '../../shared/ipc/result'
import { say } from '../../shared/ipc/sentence'
import { inFileTurn, replaceFile } from '../journal/durable-fs'
import type { Logger } from '../log/logger'
import { priceCart } from './price-cart'

const FILE = 'parked-carts.json'
const MAX_PARKED = 50
const fileSchema = z.array(parkedCartSchema)

export type ParkedCartsDeps = {
  dir: string
  catalog: () => CatalogView
  currency: () => string
  log: Logger
  now: () => number
  onChange: (carts: ParkedCart[]) => void
  fsync?: boolean
}

/**
 * Carts set aside for later, kept in the data folder: each change replaces the file atomically
 * (temp file, fsync, rename), so a crash or power cut leaves the list before or after it, never
 * half. Resuming takes a cart out of the list.
 */
export function createParkedCarts(deps: ParkedCartsDeps) {
  let carts: ParkedCart[] = []
  /** Decides the next list from the current one and writes it, one change at a time. */
  const change = <T>(decide: () => { next: ParkedCart[]; result: T }): Promise<T> =>
    inFileTurn(join(deps.dir, FILE), async () => {
      const { next, result } = decide()
      await replaceFile(deps.dir, FILE, JSON.stringify(next), deps.fsync ?? true)
      carts = next
      deps.onChange(carts)
      return result
    })

  return {
    listParkedCarts: () => ({ carts }),

    load(): void {
      mkdirSync(deps.dir, { recursive: true, mode: 0o700 })
      let text: string
      try {
        text = readFileSync(join(deps.dir, FILE), 'utf8')
      } catch {
        return // none parked yet
      }
      try {
        const parsed = fileSchema.safeParse(JSON.parse(text))
        if (parsed.success) {
          carts = parsed.data
          return
        }
      } catch {
        // reported below
      }
      // Kept aside, not deleted: someone may still read the carts out of it.
      const aside = `${FILE}.damaged-${deps.now()}`
      renameSync(join(deps.dir, FILE), join(deps.dir, aside))
      deps.log.error('carts.damaged-file', { keptAs: aside })
    },

    /** Sets a cart aside; its lines are checked against the catalog as a charge would be. */
    parkCart({ lines }: RequestInput<'carts:park'>): Promise<{ carts: ParkedCart[] }> {
      return change(() => {
        if (carts.length >= MAX_PARKED) {
          throw explained(
            'bad-input',
            say('cart.parked-limit', { max: MAX_PARKED }),
            `At most ${MAX_PARKED} carts can be parked.`,
          )
        }
        const priced = priceCart(
          deps.catalog(),
          { lines, tipMinor: 0, tipPercent: null },
          deps.currency(),
          Number.MAX_SAFE_INTEGER,
        )
        const cart: ParkedCart = {
          id: randomUUID(),
          parkedAt: deps.now(),
          currency: priced.currency,
          lines: lines.map((l, i) => ({ ...l, title: priced.lines[i]?.title ?? '' })),
          totalMinor: priced.subtotalMinor,
        }
        deps.log.info('carts.parked', { lines: lines.length })
        const next = [...carts, cart]
        return { next, result: { carts: next } }
      })
    },

    /** Takes a parked cart back to the till (and out of the list). */
    resumeCart({ cartId }: RequestInput<'carts:resume'>): Promise<ParkedCart> {
      return change(() => {
        const cart = carts.find((c) => c.id === cartId)
        if (!cart)
          throw explained(
            'not-found',
            say('cart.already-resumed'),
            'That cart was already resumed.',
          )
        return { next: carts.filter((c) => c.id !== cartId), result: cart }
      })
    },
  }
}
export type ParkedCarts = ReturnType<typeof createParkedCarts>
