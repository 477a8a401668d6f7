/**
 * The sales journal: every charge is written here before its invoice is requested, then every
 * change (invoice id, status, payment) is appended. See README.md in this folder for the file
 * format and the durability guarantees.
 *
 * Writes never block the event loop: record() and update() change memory at once (get, list and
 * later updates see the change) and return a promise that resolves when the line is on disk. The
 * caller awaits record() before sending the invoice request; lines go out in order, in groups
 * (journal-writer.ts).
 */
import { readFile } from 'node:fs'
import { mkdir, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { KeptOfLine } from '../../shared/sale'
import { silentLogger, type Logger } from '../log/logger'
import { dayFileName, dayKey, dayNumber, parseDayFileName } from './day-key'
import { parseDayFile, repairDayFile, JournalWriteError } from './journal-file'
import { createJournalWriter } from './journal-writer'
import { salvageLine } from './salvage'
import {
  encodeHeader,
  encodePatch,
  encodeSale,
  FORMAT_VERSION,
  patchProblem,
  saleProblem,
} from './line-codec'
import {
  countsInTotals,
  isExceptionStatus,
  isSettled,
  isSaleStatus,
  isUnfinished,
  patchableFields,
  type NewSale,
  type Sale,
  type SalePatch,
} from './sale'
import { createOrderIndex } from './order-index'
import { openSequenceFile, type SequenceFile } from './sequence-file'

export { JournalWriteError }

export interface JournalOptions {
  /** Folder of the day files; created (0700) if missing. */
  dir: string
  log?: Logger
  /** Clock for updatedAt and for "today" in compaction; Date.now by default. */
  now?: () => number
  /** fdatasync after every append (default true). false only for tests and benchmark seeding. */
  fsync?: boolean
  /**
   * Compact day files older than two days in the background (default true): a second after
   * load(), one file per timer tick, then a new look every six hours. Timers are unref'd and
   * stopped by close(). compact() can always be called by hand.
   */
  autoCompact?: boolean
}

export interface ListOptions {
  /** createdAt >= from (ms). */
  from: number
  /** createdAt < to (ms). */
  to: number
  /** At most this many (default 50). */
  limit?: number
  /** Continue after this sale (the last one of the previous page). */
  before?: { createdAt: number; id: string }
  /** Only sales this accepts (the page still holds up to `limit` of them). */
  where?: (sale: Sale) => boolean
}

export interface CurrencyTotal {
  currency: string
  /** Sales that brought money: settled ('complete' or paid late) plus pending ('paid'). */
  count: number
  /**
   * Sum of amountMinor of 'complete' sales and of sales paid late: BTCPay counts a full payment
   * after expiry as paid (its status stays 'expired', so it never moves on to 'complete').
   */
  settledMinor: number
  /** Sum of amountMinor of 'paid' sales (paid, awaiting confirmation). */
  pendingMinor: number
}

export interface CompactResult {
  files: number
  linesBefore: number
  linesAfter: number
}

/** A sale being recorded: see `Journal.record`. */
export interface Recording {
  written: Promise<void>
  durable: Promise<Sale>
}

export interface Journal {
  /** Reads every day file (repairing a torn last line); must be called once before use. */
  load(): Promise<void>
  /**
   * The next order id of this terminal; the sequence is never handed out twice. Resolves at once
   * while the durably reserved block of sequences lasts (sequence-file.ts).
   */
  nextOrderId(terminalId: string): Promise<{ orderId: string; sequence: number }>
  /**
   * Records a new sale (rev 1), in memory at once. `written` resolves once its line is in the
   * operating system's hands (it survives the app being killed; only a power cut before the
   * flush could still lose it), `durable` with the sale once the line is flushed. Both reject on
   * invalid or duplicate input (nothing kept), or when the write failed (taken back).
   */
  record(sale: NewSale): Recording
  /**
   * Changes a sale: in memory at once, resolved with the changed sale once the line is on disk;
   * no write when nothing changes. Rejects on an unknown id or invalid patch (nothing changed),
   * or when the write failed (the change is taken back).
   */
  update(id: string, patch: SalePatch): Promise<Sale>
  get(id: string): Sale | undefined
  byInvoiceId(invoiceId: string): Sale | undefined
  byOrderId(orderId: string): Sale | undefined
  /** 'creating' (to reconcile) and 'new'/'paid' (watchers resume), oldest first. */
  unfinished(): Sale[]
  /** Sales with from <= createdAt < to, newest first (createdAt, then id, descending). */
  list(opts: ListOptions): Sale[]
  /** Per currency (sorted by code) for sales with from <= createdAt < to. */
  totals(opts: { from: number; to: number }): CurrencyTotal[]
  /**
   * Sales in from <= createdAt < to (by their day file) that a damaged line hides: their amount is
   * unknown, so the day's totals must say they are missing something.
   */
  unknownSales(opts: { from: number; to: number }): number
  /** What load() could not read: file, line, and what was kept of it. */
  problems(): JournalProblem[]
  /** Rewrites old day files with superseded lines to one line per sale (atomic). */
  compact(opts?: { minAgeDays?: number }): Promise<CompactResult>
  /** Waits for queued lines, writes the exact next sequence and closes every file. */
  close(): Promise<void>
}

export interface JournalProblem {
  /** The day file's name. */
  file: string
  /** 1-based line number, or null when only later lines of the sale were found. */
  line: number | null
  /** What was kept of it; the manager's screen puts it into words. */
  kept: KeptOfLine
}

interface LostSale {
  file: string
  line: number | null
  day: number
  invoiceId: string | null
  status: string | null
}

interface Day {
  day: number
  /** Sorted by createdAt, then id, ascending. */
  sales: Sale[]
  /** Lines in the file (header included), to decide on compaction. */
  lines: number
  /** Lines that could not be used: such a file is never compacted (the evidence stays). */
  bad: number
}

const DEFAULT_LIMIT = 50
/** Compact a day once it has this many superseded lines per sale (and at least 16 in all). */
const COMPACT_RATIO = 0.5
const COMPACT_INTERVAL_MS = 6 * 3_600_000

function olderFirst(a: Sale, b: Sale): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

const copy = (s: Sale): Sale => ({ ...s })
const readFileAsync = promisify(readFile)

export function createJournal(opts: JournalOptions): Journal {
  const { dir } = opts
  const log = opts.log ?? silentLogger
  const now = opts.now ?? Date.now
  const fsync = opts.fsync ?? true
  const autoCompact = opts.autoCompact ?? true

  const byId = new Map<string, Sale>()
  const byOrder = createOrderIndex()
  /** Built on first use (or in the background right after load): not needed to start. */
  let byInvoice: Map<string, Sale> | null = null
  const unfinishedSet = new Set<Sale>()
  const days = new Map<number, Day>()
  /** Day numbers present in `days`, ascending. */
  const dayList: number[] = []
  const writer = createJournalWriter({ dir, fsync })
  /** Each sale's latest queued line, so an update that changes nothing still answers from disk. */
  const lastWrite = new WeakMap<Sale, Promise<void>>()
  let sequence: SequenceFile | null = null
  let state: 'new' | 'loading' | 'open' | 'closed' = 'new'
  /** What load() could not read, in file order; and per day, sales whose amount is unknown. */
  const problems: JournalProblem[] = []
  const unknownPerDay = new Map<number, number>()
  const addProblem = (file: string, line: number | null, kept: KeptOfLine) =>
    problems.push({ file, line, kept })
  let compactTimer: NodeJS.Timeout | null = null

  function ensureOpen(): void {
    if (state !== 'open') {
      throw new Error(state === 'closed' ? 'journal is closed' : 'journal.load() was not called')
    }
  }

  function dayOf(n: number): Day {
    let d = days.get(n)
    if (!d) {
      d = { day: n, sales: [], lines: 0, bad: 0 }
      days.set(n, d)
      const at = upperBound(dayList, n)
      dayList.splice(at, 0, n)
    }
    return d
  }

  /** Queues a line for day `n`; `undo` takes its change back out of memory if it fails. */
  function append(n: number, text: string, undo: () => void, written?: () => void): Promise<void> {
    const d = dayOf(n)
    const added = d.lines === 0 ? 2 : 1 // the header goes with a new file's first line
    d.lines += added
    return writer.append(
      n,
      text,
      () => {
        d.lines -= added
        undo()
      },
      written,
    )
  }

  function invoiceIndex(): Map<string, Sale> {
    if (!byInvoice) {
      byInvoice = new Map()
      for (const s of byId.values()) if (s.invoiceId !== null) byInvoice.set(s.invoiceId, s)
    }
    return byInvoice
  }

  function index(s: Sale): void {
    byId.set(s.id, s)
    byOrder.add(s)
    if (byInvoice && s.invoiceId !== null) byInvoice.set(s.invoiceId, s)
    if (isUnfinished(s.status)) unfinishedSet.add(s)
  }

  function unindex(s: Sale): void {
    byId.delete(s.id)
    byOrder.remove(s)
    if (byInvoice && s.invoiceId !== null && byInvoice.get(s.invoiceId) === s) {
      byInvoice.delete(s.invoiceId)
    }
    unfinishedSet.delete(s)
    const sales = days.get(dayNumber(s.createdAt))?.sales
    const at = sales?.lastIndexOf(s) ?? -1
    if (at >= 0) sales?.splice(at, 1)
  }

  /** Applies a change in memory, keeping the invoice index and the unfinished set right. */
  function change(s: Sale, fields: Partial<Sale>): void {
    if (byInvoice && fields.invoiceId !== undefined && s.invoiceId !== null) {
      byInvoice.delete(s.invoiceId)
    }
    Object.assign(s, fields)
    if (byInvoice && s.invoiceId !== null) byInvoice.set(s.invoiceId, s)
    if (isUnfinished(s.status)) unfinishedSet.add(s)
    else unfinishedSet.delete(s)
  }

  // ---- load ----

  async function load(): Promise<void> {
    if (state !== 'new') throw new Error('journal.load() may be called once')
    state = 'loading'
    await mkdir(dir, { recursive: true, mode: 0o700 })
    const names = await readdir(dir)
    for (const name of names) {
      if (name.endsWith('.tmp')) await rm(join(dir, name), { force: true }) // a rewrite cut short
    }
    const dayNames = names
      .map((name) => ({ name, day: parseDayFileName(name) }))
      .filter((x): x is { name: string; day: number } => x.day !== null)

    const perDay = new Map<number, { lines: number; bad: number }>()
    let orphans = 0
    /** Sales known only by id (their full line is damaged): what later lines say of them. */
    const lost = new Map<string, LostSale>()
    const loseSale = (id: string, file: string, line: number | null, day: number): LostSale => {
      let l = lost.get(id)
      if (!l) {
        l = { file, line, day, invoiceId: null, status: null }
        lost.set(id, l)
      }
      return l
    }
    const fold = async (name: string, day: number, buf: Buffer): Promise<void> => {
      const content = parseDayFile(buf)
      let bad = content.badLines.length
      if (bad > 0) {
        log.warn('journal.bad-lines-skipped', {
          file: name,
          lines: content.badLines.slice(0, 20).map((b) => b.line),
        })
      }
      if (content.tail !== 'clean') {
        log.warn('journal.torn-tail-repaired', { file: name, tail: content.tail })
        await repairDayFile(join(dir, name), content, fsync)
      }
      // Damaged lines first: a sale they still describe takes the later lines that follow it.
      for (const b of content.badLines) {
        const found = salvageLine(b.text)
        if (found.sale && !byId.has(found.sale.id)) {
          byId.set(found.sale.id, found.sale)
          addProblem(name, b.line, { kind: 'rebuilt', orderId: found.sale.orderId })
        } else if (found.kind === 'sale' && found.id && !byId.has(found.id)) {
          loseSale(found.id, name, b.line, day)
        } else if (found.kind === 'patch') {
          addProblem(name, b.line, { kind: 'change-asked-again' })
        } else if (found.kind === null) {
          addProblem(name, b.line, { kind: 'illegible' })
          unknownPerDay.set(day, (unknownPerDay.get(day) ?? 0) + 1)
        } else {
          addProblem(name, b.line, { kind: 'copy', saleId: found.id ?? null })
        }
      }
      for (const e of content.entries) {
        if (!('kind' in e)) {
          const prev = byId.get(e.id)
          if (!prev || e.rev >= prev.rev) byId.set(e.id, e)
          if (dayNumber(e.createdAt) !== day) {
            log.warn('journal.sale-in-wrong-file', { file: name, id: e.id })
          }
        } else if (e.kind === 'patch') {
          const s = byId.get(e.id)
          if (!s) {
            orphans++
            bad++
            const l = loseSale(e.id, name, null, day)
            if (e.patch.invoiceId) l.invoiceId = e.patch.invoiceId
            if (e.patch.status) l.status = e.patch.status
          } else if (e.rev > s.rev) {
            applyPatch(s, e.patch)
            s.rev = e.rev
            s.updatedAt = e.updatedAt
          }
        } else if (e.v > FORMAT_VERSION) {
          throw new Error(
            `journal file ${name} has format version ${e.v}; this version reads up to ${FORMAT_VERSION}`,
          )
        }
      }
      perDay.set(day, { lines: content.lineCount, bad })
    }

    // The next file is read (on the thread pool) while this one is parsed.
    let reading = dayNames[0] && readFileAsync(join(dir, dayNames[0].name))
    for (let i = 0; i < dayNames.length; i++) {
      const buf = await (reading as Promise<Buffer>)
      const following = dayNames[i + 1]
      reading = following && readFileAsync(join(dir, following.name))
      await fold((dayNames[i] as { name: string }).name, (dayNames[i] as { day: number }).day, buf)
    }
    if (orphans > 0) log.warn('journal.orphan-patches-skipped', { count: orphans })
    for (const [id, l] of lost) {
      if (byId.has(id)) continue // a full line of it turned up after all
      addProblem(l.file, l.line, {
        kind: 'lost',
        saleId: id,
        invoiceId: l.invoiceId,
        status: l.status,
      })
      unknownPerDay.set(l.day, (unknownPerDay.get(l.day) ?? 0) + 1)
    }

    let highest = 0
    const dupOrders: string[] = []
    let d: Day | undefined
    for (const s of byId.values()) {
      if (!byOrder.add(s)) dupOrders.push(s.orderId)
      if (isUnfinished(s.status)) unfinishedSet.add(s)
      // Sales come file by file, so the day rarely changes from one sale to the next.
      const n = dayNumber(s.createdAt)
      if (d?.day !== n) d = dayOf(n)
      d.sales.push(s)
      if (s.sequence > highest) highest = s.sequence
    }
    if (dupOrders.length > 0) log.warn('journal.duplicate-order-ids', { orderIds: dupOrders })
    for (const [n, st] of perDay) {
      const d = dayOf(n)
      d.lines = st.lines
      d.bad = st.bad
    }
    for (const d of days.values()) d.sales.sort(olderFirst)
    sequence = await openSequenceFile({ dir, fsync, log, highestRecorded: highest })
    state = 'open'
    log.info('journal.loaded', { sales: byId.size, files: dayNames.length })
    if (autoCompact) scheduleCompaction(1000)
    const warm = setTimeout(() => state === 'open' && invoiceIndex(), 0)
    warm.unref()
  }

  // ---- writes ----

  async function nextOrderId(terminalId: string): Promise<{ orderId: string; sequence: number }> {
    ensureOpen()
    if (typeof terminalId !== 'string' || terminalId === '') {
      throw new TypeError('terminalId must be a non-empty string')
    }
    const seq = await (sequence as SequenceFile).take()
    return { orderId: `${terminalId}-${seq}`, sequence: seq }
  }

  function record(input: NewSale): Recording {
    let lineWritten: () => void = () => undefined
    let lineFailed: (err: unknown) => void = () => undefined
    const written = new Promise<void>((resolve, reject) => {
      lineWritten = resolve
      lineFailed = reject
    })
    written.catch(() => undefined) // a caller may wait for `durable` alone
    const durable = recordSale(input, () => lineWritten())
    durable.catch(lineFailed)
    return { written, durable }
  }

  async function recordSale(input: NewSale, onWritten: () => void): Promise<Sale> {
    ensureOpen()
    const raw = input as unknown as Record<string, unknown>
    const problem = saleProblem(raw)
    if (problem) throw new TypeError(`invalid sale: ${problem}`)
    if (!isSaleStatus(raw.status)) throw new TypeError('invalid sale: status is required')
    if (raw.exceptionStatus !== undefined && !isExceptionStatus(raw.exceptionStatus)) {
      throw new TypeError('invalid sale: exceptionStatus')
    }
    if (byId.has(input.id)) throw new Error(`sale ${input.id} is already recorded`)
    if (byOrder.get(input.orderId)) throw new Error(`orderId ${input.orderId} is already used`)
    if (input.invoiceId != null && invoiceIndex().has(input.invoiceId)) {
      throw new Error(`invoice ${input.invoiceId} already belongs to another sale`)
    }
    // Copy field by field: nothing else the caller's object carries is kept or written.
    const sale: Sale = {
      id: input.id,
      orderId: input.orderId,
      sequence: input.sequence,
      createdAt: input.createdAt,
      updatedAt: now(),
      amountMinor: input.amountMinor,
      currency: input.currency,
      description: input.description ?? null,
      cashier: input.cashier ?? null,
      invoiceId: input.invoiceId ?? null,
      status: input.status,
      exceptionStatus: input.exceptionStatus ?? 'none',
      checkoutLink: input.checkoutLink ?? null,
      expiresAt: input.expiresAt ?? null,
      cancelledAt: input.cancelledAt ?? null,
      cart: input.cart ?? null,
      paymentRequestId: input.paymentRequestId ?? null,
      rev: 1,
    }
    const n = dayNumber(sale.createdAt)
    index(sale)
    insertSorted(dayOf(n).sales, sale)
    ;(sequence as SequenceFile).observe(sale.sequence)
    const recorded = copy(sale)
    const written = append(n, encodeSale(sale), () => unindex(sale), onWritten)
    lastWrite.set(sale, written)
    await written
    return recorded
  }

  async function update(id: string, patch: SalePatch): Promise<Sale> {
    ensureOpen()
    const s = byId.get(id)
    if (!s) throw new Error(`unknown sale ${id}`)
    const problem = patchProblem(patch as Record<string, unknown>)
    if (problem) throw new TypeError(`invalid update: ${problem}`)
    const changes: SalePatch = {}
    const before: Partial<Sale> = { rev: s.rev, updatedAt: s.updatedAt }
    let changed = false
    for (const f of patchableFields) {
      const v = patch[f]
      if (v !== undefined && v !== s[f]) {
        ;(changes as Record<string, unknown>)[f] = v
        ;(before as Record<string, unknown>)[f] = s[f]
        changed = true
      }
    }
    if (!changed) {
      // What the caller is told must be on disk, like any other answer of update().
      const unchanged = copy(s)
      await lastWrite.get(s)
      return unchanged
    }
    if (changes.invoiceId != null) {
      const other = invoiceIndex().get(changes.invoiceId)
      if (other && other !== s) {
        throw new Error(`invoice ${changes.invoiceId} already belongs to another sale`)
      }
    }
    const rev = s.rev + 1
    const updatedAt = Math.max(now(), s.updatedAt)
    const line = encodePatch(s.id, rev, updatedAt, changes)
    change(s, { ...changes, rev, updatedAt })
    const updated = copy(s)
    const written = append(dayNumber(s.createdAt), line, () => change(s, before))
    lastWrite.set(s, written)
    await written
    return updated
  }

  // ---- reads ----

  function list(o: ListOptions): Sale[] {
    ensureOpen()
    const limit = o.limit ?? DEFAULT_LIMIT
    const out: Sale[] = []
    if (limit <= 0) return out
    let to = o.to
    const b = o.before
    if (b && b.createdAt + 1 < to) to = b.createdAt + 1
    if (to <= o.from) return out
    const lastDay = dayNumber(to - 1)
    const firstDay = dayNumber(o.from)
    for (let i = upperBound(dayList, lastDay) - 1; i >= 0; i--) {
      const n = dayList[i] as number
      if (n < firstDay) break
      const sales = (days.get(n) as Day).sales
      for (let j = sales.length - 1; j >= 0; j--) {
        const s = sales[j] as Sale
        if (s.createdAt >= to) continue
        if (s.createdAt < o.from) break
        if (b && s.createdAt === b.createdAt && s.id >= b.id) continue
        if (o.where && !o.where(s)) continue
        out.push(copy(s))
        if (out.length >= limit) return out
      }
    }
    return out
  }

  function totals(o: { from: number; to: number }): CurrencyTotal[] {
    ensureOpen()
    const acc = new Map<string, CurrencyTotal>()
    if (o.to <= o.from) return []
    const firstDay = dayNumber(o.from)
    const lastDay = dayNumber(o.to - 1)
    for (let i = lowerBound(dayList, firstDay); i < dayList.length; i++) {
      const n = dayList[i] as number
      if (n > lastDay) break
      for (const s of (days.get(n) as Day).sales) {
        if (s.createdAt < o.from || s.createdAt >= o.to) continue
        if (!countsInTotals(s)) continue
        const settled = isSettled(s)
        let t = acc.get(s.currency)
        if (!t) {
          t = { currency: s.currency, count: 0, settledMinor: 0, pendingMinor: 0 }
          acc.set(s.currency, t)
        }
        t.count++
        if (settled) t.settledMinor += s.amountMinor
        else t.pendingMinor += s.amountMinor
      }
    }
    const result = [...acc.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1))
    for (const t of result) {
      if (!Number.isSafeInteger(t.settledMinor) || !Number.isSafeInteger(t.pendingMinor)) {
        throw new RangeError(`totals for ${t.currency} exceed the exact integer range`)
      }
    }
    return result
  }

  // ---- compaction ----

  /** Rewrites a day to one full record per sale, as memory has it once every queued line is out. */
  async function compactDay(d: Day): Promise<boolean> {
    if (d.bad > 0 || d.lines <= d.sales.length + 1) return false
    let text = encodeHeader(dayKey(d.day))
    for (const s of d.sales) text += encodeSale(s)
    const dropped = d.lines - (d.sales.length + 1)
    try {
      await writer.replace(d.day, text)
    } catch (err) {
      log.warn('journal.compaction-failed', { file: dayFileName(d.day), err })
      return false
    }
    d.lines -= dropped
    return true
  }

  function eligible(minAgeDays: number): Day[] {
    const newest = dayNumber(now()) - minAgeDays
    const out: Day[] = []
    for (const n of dayList) {
      if (n > newest) break
      const d = days.get(n) as Day
      const superseded = d.lines - 1 - d.sales.length
      if (d.bad === 0 && superseded >= 16 && superseded >= d.sales.length * COMPACT_RATIO) {
        out.push(d)
      }
    }
    return out
  }

  async function compact(o?: { minAgeDays?: number }): Promise<CompactResult> {
    ensureOpen()
    const result: CompactResult = { files: 0, linesBefore: 0, linesAfter: 0 }
    for (const d of o?.minAgeDays === undefined ? eligible(2) : eligibleAll(o.minAgeDays)) {
      const before = d.lines
      const after = d.sales.length + 1
      if (await compactDay(d)) {
        result.files++
        result.linesBefore += before
        result.linesAfter += after
      }
    }
    return result
  }

  function eligibleAll(minAgeDays: number): Day[] {
    const newest = dayNumber(now()) - minAgeDays
    return dayList.filter((n) => n <= newest).map((n) => days.get(n) as Day)
  }

  /** One eligible day file per tick, then a new look every few hours (a till runs for days). */
  function scheduleCompaction(delayMs: number): void {
    compactTimer = setTimeout(() => {
      compactTimer = null
      if (state !== 'open') return
      const d = eligible(2)[0]
      void (d ? compactDay(d) : Promise.resolve(false)).then((done) => {
        if (state === 'open') scheduleCompaction(done ? 10 : COMPACT_INTERVAL_MS)
      })
    }, delayMs)
    compactTimer.unref()
  }

  async function close(): Promise<void> {
    if (state === 'closed') return
    if (compactTimer) clearTimeout(compactTimer)
    compactTimer = null
    const wasOpen = state === 'open'
    state = 'closed'
    await writer.close()
    if (wasOpen && sequence) await sequence.close()
  }

  return {
    load,
    nextOrderId,
    record,
    update,
    get: (id) => {
      ensureOpen()
      const s = byId.get(id)
      return s && copy(s)
    },
    byInvoiceId: (invoiceId) => {
      ensureOpen()
      const s = invoiceIndex().get(invoiceId)
      return s && copy(s)
    },
    byOrderId: (orderId) => {
      ensureOpen()
      const s = byOrder.get(orderId)
      return s && copy(s)
    },
    unfinished: () => {
      ensureOpen()
      return [...unfinishedSet].sort(olderFirst).map(copy)
    },
    list,
    totals,
    unknownSales: (o) => {
      ensureOpen()
      if (o.to <= o.from) return 0
      const first = dayNumber(o.from)
      const last = dayNumber(o.to - 1)
      let n = 0
      for (const [day, count] of unknownPerDay) if (day >= first && day <= last) n += count
      return n
    },
    problems: () => {
      ensureOpen()
      return problems.map((p) => ({ ...p }))
    },
    compact,
    close,
  }
}

function applyPatch(s: Sale, p: SalePatch): void {
  if (p.invoiceId !== undefined) s.invoiceId = p.invoiceId
  if (p.status !== undefined) s.status = p.status
  if (p.exceptionStatus !== undefined) s.exceptionStatus = p.exceptionStatus
  if (p.checkoutLink !== undefined) s.checkoutLink = p.checkoutLink
  if (p.expiresAt !== undefined) s.expiresAt = p.expiresAt
  if (p.cancelledAt !== undefined) s.cancelledAt = p.cancelledAt
}

/** First index whose value is >= x. */
function lowerBound(a: number[], x: number): number {
  let lo = 0
  let hi = a.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((a[mid] as number) < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** First index whose value is > x. */
function upperBound(a: number[], x: number): number {
  let lo = 0
  let hi = a.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((a[mid] as number) <= x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Inserts keeping `sales` sorted oldest first; appending is the usual case. */
function insertSorted(sales: Sale[], s: Sale): void {
  let i = sales.length
  while (i > 0 && olderFirst(sales[i - 1] as Sale, s) > 0) i--
  sales.splice(i, 0, s)
}
