import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import {
  catalogItemSchema,
  catalogViewSchema,
  type CatalogItem,
  type CatalogView,
  type PosAppList,
} from '../../shared/catalog'
import type { RequestInput } from '../../shared/ipc/contract'
import { AppError, explained } from '../../shared/ipc/result'
import { say } from '../../shared/ipc/sentence'
import type { Sentence } from '../../shared/ipc/sentence'
import { wordsOf } from '../ipc/app-errors'
import type { GreenfieldClient } from '../btcpay/greenfield-client'
import { toAppError } from '../btcpay/to-app-error'
import { inFileTurn, replaceFile } from '../journal/durable-fs'
import type { Logger } from '../log/logger'
import { catalogItemsOf } from './catalog-items'
import { cacheImage, resolveCatalogImage } from './catalog-images'

/** How often the catalog is read again while the till runs. */
const REFRESH_MS = 5 * 60_000
const CACHE_FILE = 'catalog.json'
const BARCODES_FILE = 'barcodes.json'

/** The last copy read from BTCPay, as kept in the data folder (barcodes are kept apart). */
const cacheSchema = catalogViewSchema.omit({ trouble: true }).extend({
  items: z.array(catalogItemSchema.omit({ barcodes: true })),
})
type Cache = z.infer<typeof cacheSchema>
const barcodesSchema = z.record(z.string(), z.array(z.string()))

const EMPTY: Cache = {
  appId: null,
  title: null,
  currency: null,
  items: [],
  tips: { enabled: false, percentages: [], text: null },
  fetchedAt: null,
}

export type CatalogDeps = {
  /** `<dataDir>/catalog`: the cached copy, pictures and barcodes. */
  dir: string
  client: () => GreenfieldClient | null
  log: Logger
  now: () => number
  onChange: (view: CatalogView) => void
  refreshMs?: number
  fsync?: boolean
  fetchImage?: typeof fetch
}

function readJson<T>(file: string, schema: z.ZodType<T>, fallback: T, log: Logger): T {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return fallback
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text))
    if (parsed.success) return parsed.data
  } catch {
    // fall through: a damaged file is reported and replaced by the next refresh
  }
  log.warn('catalog.damaged-file', { file })
  return fallback
}

/**
 * The store's catalog from the BTCPay Point of Sale app the manager picked: read on demand and
 * every few minutes, kept in the data folder so the till sells from the last copy while the server
 * is down (the view says how old it is and why it could not refresh).
 */
export function createCatalog(deps: CatalogDeps) {
  const { dir, log } = deps
  const imageDir = join(dir, 'images')
  const fsync = deps.fsync ?? true
  let cache: Cache = EMPTY
  let barcodes: Record<string, string[]> = {}
  /** Why the last refresh failed: English for logs, sentences for the till. */
  let trouble: { text: string; words: Sentence[] } | null = null
  let timer: ReturnType<typeof setInterval> | null = null
  let refreshing: Promise<CatalogView> | null = null

  const view = (): CatalogView => ({
    ...cache,
    items: cache.items.map((i): CatalogItem => ({ ...i, barcodes: barcodes[i.id] ?? [] })),
    trouble: trouble?.text ?? null,
    ...(trouble && { troubleWords: trouble.words }),
  })
  const publish = () => deps.onChange(view())
  // One write at a time per file, each of the state as it is when its turn comes.
  const save = () =>
    inFileTurn(join(dir, CACHE_FILE), () =>
      replaceFile(dir, CACHE_FILE, JSON.stringify(cache), fsync),
    )

  function clientOrThrow(): GreenfieldClient {
    const client = deps.client()
    if (!client) {
      throw explained(
        'not-paired',
        say('catalog.needs-api-key'),
        'The till needs an API key to read the catalog. Add one in Manager › API key.',
      )
    }
    return client
  }

  async function readFromServer(appId: string): Promise<Cache> {
    const client = clientOrThrow()
    const app = await client.getPosApp(appId)
    const images = new Map<string, string | null>()
    for (const item of app.items) {
      if (item.disabled || !item.image) continue
      try {
        images.set(item.id, await cacheImage(imageDir, client.baseUrl, item.image, deps.fetchImage))
      } catch (err) {
        log.warn('catalog.image-failed', { itemId: item.id, err })
      }
    }
    const { items, skipped } = catalogItemsOf(app, {
      imageOf: (item) => images.get(item.id) ?? null,
      barcodesOf: () => [],
    })
    if (skipped.length > 0) log.warn('catalog.items-skipped', { skipped })
    return {
      appId,
      title: app.title ?? app.appName,
      currency: app.currency.toUpperCase(),
      items: items.map(({ barcodes: _, ...rest }) => rest),
      tips: {
        enabled: app.enableTips,
        percentages: app.customTipPercentages.filter((p) => p >= 1 && p <= 100),
        text: app.tipText,
      },
      fetchedAt: deps.now(),
    }
  }

  async function refreshOnce(): Promise<CatalogView> {
    const appId = cache.appId
    if (!appId) return view()
    try {
      const fresh = await readFromServer(appId)
      if (cache.appId !== appId) return view() // the manager picked another app meanwhile
      cache = fresh
      trouble = null
      await save()
      log.info('catalog.refreshed', { items: fresh.items.length })
    } catch (err) {
      const e = toAppError(err)
      trouble = {
        text: e instanceof AppError ? e.message : 'The catalog could not be read.',
        words: wordsOf(e),
      }
      log.warn('catalog.refresh-failed', { err })
    }
    publish()
    return view()
  }

  /** Reads the catalog from BTCPay again; on failure the last copy stays, with the reason. */
  function refreshCatalog(): Promise<CatalogView> {
    refreshing ??= refreshOnce().finally(() => {
      refreshing = null
    })
    return refreshing
  }

  return {
    getCatalog: view,

    /** The cached picture file of an app-relative path (`/catalog-images/…`), or null. */
    imageFile: (pathname: string): string | null => resolveCatalogImage(imageDir, pathname),

    /** Reads the cached copy and barcodes, then refreshes now and every few minutes. */
    load(): void {
      mkdirSync(imageDir, { recursive: true, mode: 0o700 })
      cache = readJson(join(dir, CACHE_FILE), cacheSchema, EMPTY, log)
      barcodes = readJson(join(dir, BARCODES_FILE), barcodesSchema, {}, log)
      timer ??= setInterval(() => void refreshCatalog(), deps.refreshMs ?? REFRESH_MS)
      timer.unref?.()
    },

    refreshCatalog,

    /**
     * The store's Point of Sale apps, for the manager to pick from. BTCPay lists apps only to a
     * key that may modify the store's settings; when it refuses, the error says so and the manager
     * types the app's id instead.
     */
    async listPosApps(): Promise<PosAppList> {
      const apps = await clientOrThrow().listApps()
      return apps
        .filter((a) => a.appType === 'PointOfSale' && !a.archived)
        .map((a) => ({ id: a.id, name: a.appName }))
    },

    /** The manager picks the PoS app (null: keypad only); its catalog is read at once. */
    async chooseCatalogApp({ appId }: RequestInput<'catalog:choose-app'>): Promise<CatalogView> {
      if (appId === cache.appId) return refreshCatalog()
      await refreshing
      cache = { ...EMPTY, appId }
      trouble = null
      await save()
      if (appId === null) {
        publish()
        return view()
      }
      const result = await refreshCatalog()
      if (result.fetchedAt === null)
        throw new AppError(
          'bad-input',
          result.trouble ?? 'No catalog.',
          undefined,
          undefined,
          result.troubleWords,
        )
      return result
    },

    /** Attaches a barcode to an item on this till (BTCPay has no barcode field). */
    setItemBarcode({ itemId, barcode }: RequestInput<'catalog:set-barcode'>): Promise<CatalogView> {
      return inFileTurn(join(dir, BARCODES_FILE), async () => {
        if (!cache.items.some((i) => i.id === itemId)) {
          throw explained('not-found', say('catalog.no-item'), 'That item is not in the catalog.')
        }
        const owner = Object.entries(barcodes).find(([, codes]) => codes.includes(barcode))
        if (owner && owner[0] !== itemId) {
          throw explained(
            'bad-input',
            say('catalog.barcode-taken'),
            'That barcode already belongs to another item.',
          )
        }
        const next = {
          ...barcodes,
          [itemId]: [...new Set([...(barcodes[itemId] ?? []), barcode])],
        }
        await replaceFile(dir, BARCODES_FILE, JSON.stringify(next), fsync)
        barcodes = next
        publish()
        return view()
      })
    },

    stop(): void {
      if (timer) clearInterval(timer)
      timer = null
    },
  }
}
export type Catalog = ReturnType<typeof createCatalog>
