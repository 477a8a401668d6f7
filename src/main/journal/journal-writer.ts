/**
 * The journal's one writer. Lines reach the day files in the order they were queued; every line
 * queued while a flush is on the disk goes out in the next flush, as one write and one fdatasync
 * per file (group commit). The waiting happens on libuv's thread pool, never on the event loop.
 *
 * A failed write fails every line queued for that day file from that flush on: the file is cut
 * back to its length before the flush (journal-file.ts), and each such line's `undo` runs, newest
 * first, so memory matches the file again. Lines of other day files are not touched: a sale's
 * lines all live in the file of the day it was created.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import { join } from 'node:path'
import { dayFileName, dayKey } from './day-key'
import { replaceFile } from './durable-fs'
import { encodeHeader } from './line-codec'
import { openAppendFile, type AppendFile } from './journal-file'

interface Queued {
  day: number
  resolve(): void
  reject(err: unknown): void
}
interface Append extends Queued {
  kind: 'append'
  text: string
  undo(): void
  written?: () => void
}
interface Replace extends Queued {
  kind: 'replace'
  text: string
}
type Task = Append | Replace

export interface JournalWriter {
  /**
   * Queues whole lines for a day file; resolves once they are on disk. `written` runs once they
   * are written but before their fdatasync (see AppendFile.append).
   */
  append(day: number, text: string, undo: () => void, written?: () => void): Promise<void>
  /**
   * Replaces a day file atomically with `text` (compaction), after every line queued before and
   * before any queued after. `text` must hold what those earlier lines say.
   */
  replace(day: number, text: string): Promise<void>
  /** Resolves when everything queued so far is on disk (or failed). */
  drain(): Promise<void>
  /** Drains, then closes every file. */
  close(): Promise<void>
}

const MAX_OPEN_FILES = 4

export function createJournalWriter(opts: { dir: string; fsync: boolean }): JournalWriter {
  const { dir, fsync } = opts
  /** Most recently used last. */
  const files = new Map<number, Promise<AppendFile>>()
  /** The same files once open, so a write to one can start without waiting a tick. */
  const opened = new Map<number, AppendFile>()
  let queue: Task[] = []
  let running: Promise<void> | null = null

  function fileFor(day: number): Promise<AppendFile> {
    const f = files.get(day)
    if (f) {
      files.delete(day)
      files.set(day, f)
      return f
    }
    const opening = openAppendFile(join(dir, dayFileName(day)), encodeHeader(dayKey(day)), fsync)
    opening.then(
      (file) => files.get(day) === opening && opened.set(day, file),
      // A file that failed to open is opened again next time.
      () => files.get(day) === opening && files.delete(day),
    )
    files.set(day, opening)
    return opening
  }

  async function closeFile(day: number): Promise<void> {
    const f = files.get(day)
    files.delete(day)
    opened.delete(day)
    await (await f?.catch(() => null))?.close()
  }

  async function trimOpenFiles(): Promise<void> {
    while (files.size > MAX_OPEN_FILES) await closeFile(files.keys().next().value as number)
  }

  /** Fails `failed` and everything still queued for the same day files, newest first. */
  function fail(failed: Append[], err: unknown): void {
    const days = new Set(failed.map((t) => t.day))
    const later = queue.filter((t) => days.has(t.day))
    queue = queue.filter((t) => !days.has(t.day))
    for (const t of [...failed, ...later].reverse()) {
      if (t.kind === 'append') t.undo()
      t.reject(err)
    }
  }

  async function flushAppends(group: Append[]): Promise<void> {
    const byDay = new Map<number, Append[]>()
    for (const t of group) {
      const list = byDay.get(t.day)
      if (list) list.push(t)
      else byDay.set(t.day, [t])
    }
    await Promise.all(
      [...byDay].map(async ([day, tasks]) => {
        try {
          const opening = fileFor(day)
          const file = opened.get(day) ?? (await opening)
          await file.append(
            tasks.length === 1 ? tasks[0]!.text : tasks.map((t) => t.text).join(''),
            () => {
              for (const t of tasks) t.written?.()
            },
          )
        } catch (err) {
          fail(tasks, err)
          return
        }
        for (const t of tasks) t.resolve()
      }),
    )
    await trimOpenFiles()
  }

  async function runReplace(t: Replace): Promise<void> {
    try {
      // The kept-open descriptor would point at the old file after the rename.
      await closeFile(t.day)
      await replaceFile(dir, dayFileName(t.day), t.text, fsync)
      t.resolve()
    } catch (err) {
      t.reject(err)
    }
  }

  async function run(): Promise<void> {
    while (queue.length > 0) {
      const first = queue[0] as Task
      if (first.kind === 'replace') {
        queue.shift()
        await runReplace(first)
        continue
      }
      let end = queue.findIndex((t) => t.kind !== 'append')
      if (end < 0) end = queue.length
      await flushAppends(queue.splice(0, end) as Append[])
    }
  }

  function start(): void {
    if (running) return
    // A line someone waits to see written (a new sale: its invoice request leaves then), for an
    // open file, with the writer idle, is handed to the thread pool right away: the cashier signs
    // and builds the request meanwhile. Anything else goes from the next turn of the event loop,
    // so it adds no disk request to what a cashier waits for (the update after BTCPay answered),
    // and the lines queued meanwhile go out together.
    const first = queue[0]
    const now =
      queue.length === 1 &&
      first?.kind === 'append' &&
      first.written !== undefined &&
      opened.has(first.day)
    running = (now ? run() : nextTurn().then(run)).finally(() => {
      running = null
      if (queue.length > 0) start()
    })
  }

  function enqueue(task: Omit<Append, 'resolve' | 'reject'> | Omit<Replace, 'resolve' | 'reject'>) {
    return new Promise<void>((resolve, reject) => {
      queue.push({ ...task, resolve, reject } as Task)
      start()
    })
  }

  async function drain(): Promise<void> {
    while (running) await running
  }

  return {
    append: (day, text, undo, written) => enqueue({ kind: 'append', day, text, undo, written }),
    replace: (day, text) => enqueue({ kind: 'replace', day, text }),
    drain,
    async close() {
      await drain()
      for (const day of [...files.keys()]) await closeFile(day)
    },
  }
}
