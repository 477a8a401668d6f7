/**
 * Printing to a USB or serial printer through its device file (/dev/usb/lp0, /dev/ttyUSB0 after
 * `stty`, or COM ports on Windows): the operating system's own driver, no native USB module.
 *
 * The file is opened without O_CREAT, so a printer that is unplugged gives "unreachable" instead
 * of a regular file full of commands. Opening or writing can hang in the kernel (a printer that
 * is off); the job then gives "did not answer" after its timeout, and if the device wakes up later
 * the job is dropped rather than printed behind the cashier's back.
 */
import { constants } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import {
  notPrinted,
  printed,
  UNREACHABLE_CODES,
  type PrintOutcome,
  type PrintTimeouts,
} from './print-outcome'

const FLAGS = constants.O_WRONLY | constants.O_APPEND | (constants.O_NOCTTY ?? 0)

export function sendToDevice(
  bytes: Uint8Array,
  path: string,
  timeouts: PrintTimeouts,
): Promise<PrintOutcome> {
  let timedOut = false
  const job = (async (): Promise<PrintOutcome> => {
    let file: FileHandle
    try {
      file = await open(path, FLAGS)
    } catch (err) {
      return outcomeOf(err)
    }
    try {
      if (timedOut) return notPrinted('no-answer')
      await file.write(bytes)
      return printed
    } catch (err) {
      return outcomeOf(err)
    } finally {
      await file.close().catch(() => {})
    }
  })()
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<PrintOutcome>((resolve) => {
    timer = setTimeout(() => {
      timedOut = true
      resolve(notPrinted('no-answer'))
    }, timeouts.connectMs + timeouts.jobMs)
  })
  return Promise.race([job, timeout]).finally(() => clearTimeout(timer))
}

function outcomeOf(err: unknown): PrintOutcome {
  const code = (err as NodeJS.ErrnoException).code ?? ''
  if (code === 'EACCES' || code === 'EPERM') return notPrinted('no-permission')
  return notPrinted(UNREACHABLE_CODES.has(code) ? 'unreachable' : 'failed')
}
