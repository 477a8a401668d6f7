// Item pictures of the demo Point of Sale app (BTCPay serves uploaded app images from its file
// storage, UIStorageController): a small coloured SVG per image name.
import type { Router } from '../core/http'
import { escapeHtml, sendEmpty, sendText } from '../core/http'
import { POS_IMAGES } from '../core/apps'

export function posImageRoutes(r: Router): void {
  r.on('GET', '/img/pos/:file', (ctx) => {
    const name = /^([a-z-]+)\.svg$/.exec(ctx.params['file'] ?? '')?.[1]
    const colour = name === undefined ? undefined : POS_IMAGES[name]
    if (name === undefined || colour === undefined) return sendEmpty(ctx, 404)
    sendText(
      ctx,
      200,
      'image/svg+xml',
      `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120"><rect width="120" height="120" fill="${colour}"/><text x="60" y="66" font-size="14" text-anchor="middle" fill="#fff">${escapeHtml(name)}</text></svg>`,
    )
  })
}
