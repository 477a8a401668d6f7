import { shell } from 'electron'

/**
 * Opens a link in the system browser, for BTCPay's API-key consent page. Only http(s): a
 * `file:` or custom-scheme URL handed to the OS would run whatever handles it.
 */
export async function openInBrowser(url: string): Promise<boolean> {
  const protocol = new URL(url).protocol
  if (protocol !== 'https:' && protocol !== 'http:') return false
  await shell.openExternal(url)
  return true
}
