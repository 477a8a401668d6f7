/**
 * A network thermal printer for tests: a real TCP server on a random loopback port that keeps
 * every byte of every job. Like an ESC/POS printer it answers GS r 1 (transmit paper sensor
 * status) with one status byte and closes the connection when the job's sender does.
 */
import { createServer, type Socket } from 'node:net'

export type FakePrinterMode =
  /** Reads, answers GS r 1, closes after the job. */
  | 'ready'
  /** Answers GS r 1 with "roll paper end". */
  | 'out-of-paper'
  /** Accepts connections and never reads a byte (a jammed or hung printer). */
  | 'never-reads'

const GS_R_1 = Buffer.from([0x1d, 0x72, 0x31])

export interface FakePrinter {
  port: number
  /** Every job received, in order (the bytes of one connection each). */
  jobs: Buffer[]
  mode: FakePrinterMode
  /** Resolves when `n` jobs have arrived. */
  waitForJobs(n: number, timeoutMs?: number): Promise<Buffer[]>
  close(): Promise<void>
}

export async function startFakePrinter(mode: FakePrinterMode = 'ready'): Promise<FakePrinter> {
  const sockets = new Set<Socket>()
  const waiters: Array<() => void> = []
  const printer: FakePrinter = {
    port: 0,
    jobs: [],
    mode,
    waitForJobs(n, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (printer.jobs.length < n) return false
          clearTimeout(timer)
          resolve(printer.jobs)
          return true
        }
        const timer = setTimeout(
          () => reject(new Error(`fake printer got ${printer.jobs.length} of ${n} jobs`)),
          timeoutMs,
        )
        if (!check()) waiters.push(() => void check())
      })
    },
    close() {
      for (const s of sockets) s.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    if (printer.mode === 'never-reads') {
      socket.pause()
      return
    }
    const chunks: Buffer[] = []
    let answered = false
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      if (!answered && Buffer.concat(chunks).includes(GS_R_1)) {
        answered = true
        socket.write(Buffer.from([printer.mode === 'out-of-paper' ? 0x0c : 0x00]))
      }
    })
    socket.on('end', () => {
      printer.jobs.push(Buffer.concat(chunks))
      for (const w of waiters.splice(0)) w()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  printer.port = (server.address() as { port: number }).port
  return printer
}
