import { existsSync, readFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { z } from 'zod'
import { inFileTurn, replaceFile } from '../journal/durable-fs'

/**
 * Payment requests asked of BTCPay and not yet answered, kept in one small file replaced
 * atomically (temp file, fsync, rename). Written before the request goes out and removed once
 * BTCPay's answer is known, so after a crash the core knows which creations to look up.
 */
const pendingSchema = z.strictObject({
  key: z.string(),
  referenceId: z.string(),
  title: z.string(),
  /** Decimal text as sent. */
  amount: z.string(),
  currency: z.string().nullable(),
  createdAt: z.int(),
})
export type PendingCreation = z.infer<typeof pendingSchema>

export const PENDING_FILE_NAME = 'payment-requests-pending.json'

export function openPendingCreations(dir: string, fsync = true) {
  let items: PendingCreation[] = []
  const path = `${dir}/${PENDING_FILE_NAME}`
  if (existsSync(path)) {
    const parsed = z.array(pendingSchema).safeParse(safeJson(readFileSync(path, 'utf8')))
    // A damaged file cannot be trusted for anything; it is replaced on the next write.
    items = parsed.success ? parsed.data : []
  }
  // One change at a time, in order: each writes the list as it is when its turn comes.
  const write = () =>
    inFileTurn(path, async () => {
      await mkdir(dir, { recursive: true, mode: 0o700 })
      await replaceFile(dir, PENDING_FILE_NAME, JSON.stringify(items), fsync)
    })
  return {
    list: (): readonly PendingCreation[] => items,
    /** Resolves once the creation is on disk: only then may the request go out. */
    add(item: PendingCreation): Promise<void> {
      items = [...items, item]
      return write()
    },
    remove(key: string): Promise<void> {
      if (!items.some((i) => i.key === key)) return Promise.resolve()
      items = items.filter((i) => i.key !== key)
      return write()
    },
  }
}
export type PendingCreations = ReturnType<typeof openPendingCreations>

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
