import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  defaultReceiptSettings,
  receiptSettingsSchema,
  type ReceiptSettings,
} from '../../shared/receipt-settings'
import { receiptDocument } from '../receipts/receipt-document'
import { receiptsByKind } from '../receipts/receipt-fixtures.testutil'
import { receiptBytes } from '../receipts/render-receipt'
import { sendToDevice } from './device-printer'
import { startFakePrinter, type FakePrinter } from './fake-printer.testutil'
import { sendToNetworkPrinter } from './network-printer'
import type { PrintTimeouts } from './print-outcome'
import { sendToQueue } from './queue-printer'
import { createReceiptPrinter, type SystemPrint } from './receipt-printer'

const quick: PrintTimeouts = { connectMs: 500, jobMs: 800 }
const bound = quick.connectMs + quick.jobMs + 500
const sale = receiptsByKind.sale
const job = receiptBytes(receiptDocument(sale, 80), 80, 'escpos')

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'printing-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now()
  const value = await run()
  return { value, ms: performance.now() - start }
}

/** A port nothing listens on: bound once, then closed. */
async function deadPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('network printer (raw TCP)', () => {
  let printer: FakePrinter | null = null
  afterEach(async () => {
    await printer?.close()
    printer = null
  })

  it('delivers every byte of the job and reports it printed once the printer confirms', async () => {
    printer = await startFakePrinter('ready')
    const outcome = await sendToNetworkPrinter(
      job,
      { host: '127.0.0.1', port: printer.port },
      quick,
    )
    expect(outcome).toEqual({ printed: true })
    const [received] = await printer.waitForJobs(1)
    expect(received?.equals(job)).toBe(true)
  })

  it('reports a printer out of paper', async () => {
    printer = await startFakePrinter('out-of-paper')
    const outcome = await sendToNetworkPrinter(
      job,
      { host: '127.0.0.1', port: printer.port },
      quick,
    )
    expect(outcome).toMatchObject({
      printed: false,
      message: 'Receipt not printed: printer out of paper',
    })
  })

  it('reports a dead port as unreachable, at once', async () => {
    const port = await deadPort()
    const { value, ms } = await timed(() =>
      sendToNetworkPrinter(job, { host: '127.0.0.1', port }, quick),
    )
    expect(value).toMatchObject({
      printed: false,
      problem: 'unreachable',
      message: 'Receipt not printed: printer unreachable',
    })
    expect(ms).toBeLessThan(bound)
  })

  it('gives up on a printer that accepts and never reads, within the job timeout', async () => {
    printer = await startFakePrinter('never-reads')
    const { value, ms } = await timed(() =>
      sendToNetworkPrinter(job, { host: '127.0.0.1', port: printer!.port }, quick),
    )
    expect(value).toMatchObject({ printed: false, problem: 'no-answer' })
    expect(ms).toBeGreaterThanOrEqual(quick.jobMs - 50)
    expect(ms).toBeLessThan(bound)
  })
})

describe('device file (USB or serial printer)', () => {
  it('writes the job to the device', async () => {
    const device = join(dir, 'lp0')
    writeFileSync(device, '')
    expect(await sendToDevice(job, device, quick)).toEqual({ printed: true })
    expect(readFileSync(device).equals(job)).toBe(true)
  })

  it('reports an unplugged printer (no device file) as unreachable and creates no file', async () => {
    const device = join(dir, 'missing-lp')
    expect(await sendToDevice(job, device, quick)).toMatchObject({ problem: 'unreachable' })
    expect(() => readFileSync(device)).toThrow()
  })

  it('gives up on a device that never opens, and drops the job if it opens later', async () => {
    const fifo = join(dir, 'asleep')
    execFileSync('mkfifo', [fifo])
    const { value, ms } = await timed(() => sendToDevice(job, fifo, quick))
    expect(value).toMatchObject({ problem: 'no-answer' })
    expect(ms).toBeLessThan(bound)
    // The printer wakes up: the blocked open completes, and nothing is printed behind the cashier's back.
    const reader = await open(fifo, 'r')
    const { bytesRead } = await reader.read(Buffer.alloc(64), 0, 64, null)
    await reader.close()
    expect(bytesRead).toBe(0)
  })
})

describe('CUPS raw queue', () => {
  // CUPS cannot run on this test machine: a stand-in `lp` records its arguments and stdin.
  const fakeLp = (exitCode: number) => {
    const script = join(dir, `lp-${exitCode}`)
    writeFileSync(
      script,
      `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/lp-args"\ncat > "${dir}/lp-stdin"\nexit ${exitCode}\n`,
    )
    chmodSync(script, 0o755)
    return script
  }

  it('hands the bytes to lp as a raw job on the named queue', async () => {
    expect(await sendToQueue(job, 'Front_Printer', quick, fakeLp(0))).toEqual({ printed: true })
    expect(readFileSync(join(dir, 'lp-args'), 'utf8')).toBe('-d\nFront_Printer\n-o\nraw\n--\n')
    expect(readFileSync(join(dir, 'lp-stdin')).equals(job)).toBe(true)
  })

  it('reports a queue lp refuses', async () => {
    expect(await sendToQueue(job, 'Nope', quick, fakeLp(1))).toMatchObject({
      problem: 'unreachable',
    })
  })

  it('refuses a queue name that is not one, without running anything', async () => {
    expect(await sendToQueue(job, 'x;touch pwned', quick, fakeLp(0))).toMatchObject({
      problem: 'not-configured',
    })
  })

  it('reports a missing lp as no printer set up', async () => {
    expect(await sendToQueue(job, 'Front', quick, join(dir, 'no-such-lp'))).toMatchObject({
      problem: 'not-configured',
    })
  })
})

describe('receipt printer', () => {
  const settingsWith = (patch: Partial<ReceiptSettings>): ReceiptSettings => ({
    ...defaultReceiptSettings,
    ...patch,
  })

  it('prints on the paper width and language the manager chose', async () => {
    const printer = await startFakePrinter('ready')
    try {
      const receipts = createReceiptPrinter({
        settings: () =>
          settingsWith({
            printer: { kind: 'network', host: '127.0.0.1', port: printer.port },
            paperWidth: 58,
          }),
        systemPrint: null,
        timeouts: quick,
      })
      expect(await receipts.print(sale)).toEqual({ printed: true })
      const [received] = await printer.waitForJobs(1)
      expect(received?.equals(receiptBytes(receiptDocument(sale, 58), 58, 'escpos'))).toBe(true)
    } finally {
      await printer.close()
    }
  })

  it('says so when no printer is set up', async () => {
    const receipts = createReceiptPrinter({ settings: () => settingsWith({}), systemPrint: null })
    expect(await receipts.print(sale)).toMatchObject({
      message: 'Receipt not printed: no printer is set up',
    })
  })

  it('passes the rendered receipt to the system printer, or reports it missing', async () => {
    const jobs: Parameters<SystemPrint>[0][] = []
    const systemPrint: SystemPrint = async (j) => {
      jobs.push(j)
      return { printed: true }
    }
    const settings = () =>
      settingsWith({ printer: { kind: 'system', deviceName: 'TM-T20' }, paperWidth: 58 })
    expect(await createReceiptPrinter({ settings, systemPrint }).print(sale)).toEqual({
      printed: true,
    })
    expect(jobs[0]).toMatchObject({ paperWidth: 58, deviceName: 'TM-T20' })
    expect(jobs[0]?.svg).toMatch(/^<svg /)
    expect(await createReceiptPrinter({ settings, systemPrint: null }).print(sale)).toMatchObject({
      problem: 'not-configured',
    })
  })
})

describe('printer settings', () => {
  const parse = (printer: unknown) =>
    receiptSettingsSchema.safeParse({ ...defaultReceiptSettings, printer }).success

  it('accepts printers as a manager would set them up', () => {
    expect(parse({ kind: 'network', host: '192.168.1.50', port: 9100 })).toBe(true)
    expect(parse({ kind: 'network', host: 'printer.local', port: 9100 })).toBe(true)
    expect(parse({ kind: 'device', path: '/dev/usb/lp0' })).toBe(true)
    expect(parse({ kind: 'device', path: 'COM3' })).toBe(true)
    expect(parse({ kind: 'queue', name: 'Front_Printer' })).toBe(true)
  })

  it('refuses a device path outside /dev, so commands never land in an ordinary file', () => {
    expect(parse({ kind: 'device', path: '/home/cashier/.bashrc' })).toBe(false)
    expect(parse({ kind: 'device', path: '/dev/../etc/passwd' })).toBe(false)
    expect(parse({ kind: 'network', host: 'user@host/x', port: 9100 })).toBe(false)
    expect(parse({ kind: 'network', host: '192.168.1.50', port: 0 })).toBe(false)
  })
})
