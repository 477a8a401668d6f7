/**
 * Printing through a CUPS queue set up as a raw queue (`lp -d <queue> -o raw`): the bytes reach
 * the printer unchanged, whatever connects it (USB, serial, Bluetooth). Printed here means CUPS
 * accepted the job; CUPS holds it if the printer is off. The arguments go to `lp` as an array,
 * never through a shell, so a queue name cannot inject a command.
 */
import { spawn } from 'node:child_process'
import { notPrinted, printed, type PrintOutcome, type PrintTimeouts } from './print-outcome'

const QUEUE_NAME = /^[A-Za-z0-9_.@-]{1,127}$/

export function sendToQueue(
  bytes: Uint8Array,
  queue: string,
  timeouts: PrintTimeouts,
  command = 'lp',
): Promise<PrintOutcome> {
  if (!QUEUE_NAME.test(queue)) return Promise.resolve(notPrinted('not-configured'))
  return new Promise((resolve) => {
    let done = false
    const finish = (outcome: PrintOutcome) => {
      if (done) return
      done = true
      clearTimeout(timer)
      resolve(outcome)
    }
    const child = spawn(command, ['-d', queue, '-o', 'raw', '--'], {
      stdio: ['pipe', 'ignore', 'ignore'],
    })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      finish(notPrinted('no-answer'))
    }, timeouts.connectMs + timeouts.jobMs)
    child.once('error', (err: NodeJS.ErrnoException) =>
      finish(notPrinted(err.code === 'ENOENT' ? 'not-configured' : 'failed')),
    )
    child.once('exit', (code) => finish(code === 0 ? printed : notPrinted('unreachable')))
    child.stdin.on('error', () => {}) // lp exiting early is reported by its exit code
    child.stdin.end(bytes)
  })
}
