import { errorCodes, type ErrorCode } from '../../../shared/ipc/result'

/** Words for the error codes main reports as a sale's `trouble` while it cannot reach BTCPay. */
const words: Partial<Record<ErrorCode, string>> = {
  network: 'the network is not reachable.',
  'connection-refused': 'the BTCPay server refuses connections.',
  dns: 'the BTCPay server’s name cannot be found.',
  tls: 'the secure connection to BTCPay failed.',
  timeout: 'BTCPay does not answer in time.',
  'server-error': 'BTCPay answers with a server error.',
  'malformed-response': 'BTCPay sends answers this terminal cannot read.',
  'rate-limited': 'BTCPay asks the terminal to slow down.',
  unauthorized: 'BTCPay no longer accepts this terminal’s key; a manager must pair it again.',
  forbidden: 'this terminal may not see the invoice any more.',
  'not-found': 'BTCPay does not know this invoice any more.',
  'unexpected-redirect': 'BTCPay answers with an unexpected redirect.',
}

/**
 * A sentence for the trouble banner. Main may send a sentence (shown as it is) or an error code
 * (put into words here); anything unknown gets a general sentence, never a raw code.
 */
export function troubleText(trouble: string): string {
  const code = trouble.trim()
  if ((errorCodes as readonly string[]).includes(code)) {
    return words[code as ErrorCode] ?? 'the terminal cannot reach BTCPay.'
  }
  if (/^[a-z0-9-]+$/.test(code)) return 'the terminal cannot reach BTCPay.'
  return code
}
