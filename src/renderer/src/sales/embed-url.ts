/**
 * The embedded checkout's address: the sale's checkout link with `view=modal`, allowed only when
 * it lives on the paired server's origin (the one origin the CSP lets us frame).
 */
export type EmbedTarget = { ok: true; src: string; origin: string } | { ok: false; message: string }

export function embedTarget(checkoutLink: string | null, serverUrl: string | null): EmbedTarget {
  if (!checkoutLink) return { ok: false, message: 'This sale has no checkout page.' }
  if (!serverUrl) return { ok: false, message: 'This terminal is not paired with a server.' }
  let link: URL
  let server: URL
  try {
    link = new URL(checkoutLink)
    server = new URL(serverUrl)
  } catch {
    return { ok: false, message: 'The checkout address is not valid.' }
  }
  if (!['https:', 'http:'].includes(link.protocol) || link.origin !== server.origin) {
    return {
      ok: false,
      message: `The checkout page is not on the paired server (${server.origin}), so it is not shown here.`,
    }
  }
  link.searchParams.set('view', 'modal')
  return { ok: true, src: link.toString(), origin: link.origin }
}
