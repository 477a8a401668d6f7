/**
 * Raw TCP printing (port 9100, "JetDirect"), the way network thermal printers take jobs.
 *
 * The job counts as printed only when the printer confirms it: ESC/POS jobs end with GS r 1
 * (receiptline adds it), to which the printer answers one status byte once it has processed
 * everything before it, including the cut; a printer that does not answer status requests
 * confirms by closing the connection after our end of the job. A printer that accepts the
 * connection but never reads, or never confirms, gives "did not answer" after the job timeout.
 */
import { connect } from 'node:net'
import {
  notPrinted,
  printed,
  UNREACHABLE_CODES,
  type PrintOutcome,
  type PrintTimeouts,
} from './print-outcome'

export interface NetworkPrinterAddress {
  host: string
  port: number
}

/** GS r 1 answer: bits 2 and 3 set when the roll paper end sensor finds no paper. */
const PAPER_END = 0x0c

export function sendToNetworkPrinter(
  bytes: Uint8Array,
  address: NetworkPrinterAddress,
  timeouts: PrintTimeouts,
): Promise<PrintOutcome> {
  return new Promise((resolve) => {
    const socket = connect({ host: address.host, port: address.port })
    let sent = false
    let done = false
    const finish = (outcome: PrintOutcome) => {
      if (done) return
      done = true
      clearTimeout(timer)
      socket.destroy()
      resolve(outcome)
    }
    let timer = setTimeout(() => finish(notPrinted('unreachable')), timeouts.connectMs)
    socket.once('connect', () => {
      clearTimeout(timer)
      timer = setTimeout(() => finish(notPrinted('no-answer')), timeouts.jobMs)
      socket.end(bytes, () => {
        sent = true
      })
    })
    socket.on('data', (status: Buffer) => {
      const byte = status[status.length - 1] ?? 0
      finish((byte & PAPER_END) === PAPER_END ? notPrinted('out-of-paper') : printed)
    })
    socket.once('close', () => finish(sent ? printed : notPrinted('failed')))
    socket.once('error', (err: NodeJS.ErrnoException) => {
      const code = err.code ?? ''
      finish(notPrinted(!sent && UNREACHABLE_CODES.has(code) ? 'unreachable' : 'failed'))
    })
  })
}
