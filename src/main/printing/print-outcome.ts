/**
 * What became of a print job (its schema is in shared/receipts.ts), in words for the cashier. A
 * job never throws and never waits longer than its timeouts: a printer that is off, out of paper
 * or unreachable gives an outcome, and the sale goes on.
 */
import type { PrintOutcome, PrintProblem } from '../../shared/receipts'

export type { PrintOutcome }

const MESSAGES: Record<PrintProblem, string> = {
  'not-configured': 'Receipt not printed: no printer is set up',
  unreachable: 'Receipt not printed: printer unreachable',
  'no-answer': 'Receipt not printed: the printer did not answer',
  'out-of-paper': 'Receipt not printed: printer out of paper',
  'no-permission': 'Receipt not printed: this terminal may not use the printer',
  failed: 'Receipt not printed: the printer refused the job',
}

export const printed: PrintOutcome = { printed: true }

export function notPrinted(problem: PrintProblem): PrintOutcome {
  return { printed: false, problem, message: MESSAGES[problem] }
}

/** How long a job may take: reaching the printer, then taking and confirming the whole job. */
export interface PrintTimeouts {
  connectMs: number
  jobMs: number
}
export const defaultPrintTimeouts: PrintTimeouts = { connectMs: 3_000, jobMs: 10_000 }

/** errno codes that mean nothing is there to print on. */
export const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ENOENT',
  'ENXIO',
  'ENODEV',
])
