import type { TranslationKey } from '../i18n'

/**
 * The embedded checkout's address: the sale's checkout link with `view=modal`, allowed only when
 * it lives on the paired server's origin (the one origin the CSP lets us frame).
 */
export type EmbedTarget =
  | { ok: true; src: string; origin: string }
  /** `origin` is the paired server's, for the sentence of a link elsewhere. */
  | { ok: false; problem: TranslationKey; origin?: string }

export function embedTarget(checkoutLink: string | null, serverUrl: string | null): EmbedTarget {
  if (!checkoutLink) return { ok: false, problem: 'embed.noPage' }
  if (!serverUrl) return { ok: false, problem: 'embed.notPaired' }
  let link: URL
  let server: URL
  try {
    link = new URL(checkoutLink)
    server = new URL(serverUrl)
  } catch {
    return { ok: false, problem: 'embed.badAddress' }
  }
  if (!['https:', 'http:'].includes(link.protocol) || link.origin !== server.origin) {
    return { ok: false, problem: 'embed.otherServer', origin: server.origin }
  }
  link.searchParams.set('view', 'modal')
  return { ok: true, src: link.toString(), origin: link.origin }
}
