// The public checkout: BTCPayServer/Controllers/UIInvoiceController.UI.cs (Checkout, GetStatus,
// GetStatusWebSocket): the invoice page (/i/{id}, /invoice?id=, ?view=modal) with BTCPay 2.x's
// postMessage protocol, the anonymous status JSON and the status websocket.
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import type { WebSocket } from 'ws'
import type { Deps } from '../core/context'
import type { Ctx } from '../core/http'
import { baseUrl, escapeHtml, queryGet, Router, sendEmpty, sendHtml, sendJson } from '../core/http'
import type { Invoice, Prompt } from '../core/invoices'
import { isFinal, parsePaymentMethodId } from '../core/invoices'
import { accounting, btc, paymentLink } from '../core/payment-links'

const REQUIRED_CONFIRMATIONS: Readonly<Record<string, number>> = {
  HighSpeed: 0,
  MediumSpeed: 1,
  LowMediumSpeed: 2,
  LowSpeed: 6,
}

const METHOD_NAMES: Readonly<Record<string, string>> = {
  'BTC-CHAIN': 'Bitcoin',
  'BTC-LN': 'Lightning',
}

function choosePrompt(inv: Invoice, requested: string | undefined): Prompt | undefined {
  const wanted = requested ? parsePaymentMethodId(requested) : null
  const preferred =
    wanted ?? parsePaymentMethodId(inv.checkout.defaultPaymentMethod ?? '') ?? 'BTC-CHAIN'
  return inv.prompts.find((p) => p.method === preferred) ?? inv.prompts[0]
}

/** The CheckoutModel fields a client uses (display strings, as BTCPay sends them). */
export function checkoutModel(
  inv: Invoice,
  deps: Deps,
  base: string,
  opts: { paymentMethodId?: string; isModal?: boolean } = {},
): Record<string, unknown> {
  const store = deps.state.stores.get(inv.storeId)
  const prompt = choosePrompt(inv, opts.paymentMethodId)
  const acc = prompt ? accounting(inv, prompt) : null
  const link = prompt ? paymentLink(inv, prompt) : null
  const now = deps.state.now()
  const required = REQUIRED_CONFIRMATIONS[inv.checkout.speedPolicy] ?? 1
  const received = inv.payments.filter(
    (p) => p.method === 'BTC-CHAIN' && p.status === 'Processing',
  ).length
  const orderId = inv.metadata['orderId']
  const itemDesc = inv.metadata['itemDesc']
  return {
    invoiceId: inv.id,
    storeId: inv.storeId,
    orderId: typeof orderId === 'string' ? orderId : null,
    status: inv.status,
    paymentMethodId: prompt?.method ?? null,
    paymentMethodCurrency: 'BTC',
    paymentMethodName: prompt ? METHOD_NAMES[prompt.method] : null,
    due: acc ? btc(acc.due > 0n ? acc.due : 0n) : '0',
    paid: acc ? btc(acc.paid) : '0',
    orderAmount: acc ? btc(acc.totalDue) : '0',
    orderAmountFiat: inv.price === null ? null : `${inv.price} ${inv.currency}`,
    invoiceCurrency: inv.currency,
    rate: `${inv.rate.decimal} ${inv.currency}`,
    address: prompt?.destination ?? null,
    invoiceBitcoinUrl: link,
    invoiceBitcoinUrlQR: link ? link.toUpperCase() : null,
    expirationSeconds: Math.max(0, Math.floor((inv.expiresAt - now) / 1000)),
    maxTimeSeconds: Math.floor((inv.expiresAt - inv.createdAt) / 1000),
    maxTimeMinutes: Math.floor((inv.expiresAt - inv.createdAt) / 60_000),
    displayExpirationTimer: 300,
    activated: true,
    availablePaymentMethods: inv.prompts.map((p, i) => ({
      paymentMethodId: p.method,
      displayed: true,
      paymentMethodName: METHOD_NAMES[p.method],
      order: i,
    })),
    isUnsetTopUp: inv.type === 'TopUp' && inv.payments.length === 0,
    requiredConfirmations: required,
    receivedConfirmations: received > 0 ? 0 : null,
    networkFee: '0',
    txCount: acc?.txCount ?? 0,
    txCountForFee: 0,
    receiptLink: `${base}/i/${inv.id}/receipt`,
    merchantRefLink: inv.checkout.redirectURL ?? `${base}/i/${inv.id}/receipt`,
    redirectAutomatically: inv.checkout.redirectAutomatically,
    storeName: store?.name ?? null,
    itemDesc: typeof itemDesc === 'string' ? itemDesc : null,
    isModal: opts.isModal ?? false,
    defaultLang: inv.checkout.defaultLanguage ?? 'en',
    timestamp: Math.floor(now / 1000),
  }
}

function statusHandler(deps: Deps) {
  return (ctx: Ctx): void => {
    const id = ctx.params['id'] ?? queryGet(ctx, 'invoiceId') ?? ''
    const inv = deps.state.invoice(id)
    if (!inv || inv.archived) return sendEmpty(ctx, 404)
    const pm = ctx.params['pm'] ?? queryGet(ctx, 'paymentMethodId')
    sendJson(ctx, 200, checkoutModel(inv, deps, baseUrl(ctx), { paymentMethodId: pm }))
  }
}

function checkoutPage(deps: Deps) {
  return (ctx: Ctx): void => {
    const id = ctx.params['id'] ?? queryGet(ctx, 'id') ?? ''
    const inv = deps.state.invoice(id)
    if (!inv || inv.archived) return sendEmpty(ctx, 404)
    const isModal = queryGet(ctx, 'view') === 'modal'
    const model = checkoutModel(inv, deps, baseUrl(ctx), {
      paymentMethodId: ctx.params['pm'],
      isModal,
    })
    sendHtml(ctx, 200, renderCheckout(model, isModal))
  }
}

function renderCheckout(model: Record<string, unknown>, isModal: boolean): string {
  const invoiceId = String(model['invoiceId'])
  const pm = String(model['paymentMethodId'] ?? 'BTC-CHAIN')
  const text = (key: string): string => escapeHtml(String(model[key] ?? ''))
  // The model is embedded as JSON; `<` is escaped so the script block cannot be closed early.
  const json = JSON.stringify(model).replace(/</g, '\\u003c')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text('storeName')} - Invoice ${escapeHtml(invoiceId)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:${isModal ? 'rgba(0,0,0,.4)' : '#f4f4f4'}}
main{max-width:26rem;margin:2rem auto;background:#fff;border-radius:8px;padding:1.5rem;box-shadow:0 2px 12px rgba(0,0,0,.2)}
.amount{font-size:1.6rem;font-weight:600}.muted{color:#666;font-size:.9rem;word-break:break-all}
button{font:inherit;padding:.4rem 1rem}
</style>
</head>
<body>
<main id="checkout" data-invoice-id="${escapeHtml(invoiceId)}">
${isModal ? '<button id="close" type="button" aria-label="Close">Close</button>' : ''}
<h1>${text('storeName')}</h1>
<p>${text('itemDesc')}</p>
<p class="amount"><span id="due">${text('due')}</span> BTC</p>
<p>Status: <strong id="status">${text('status')}</strong></p>
<p class="muted">Pay to <span id="address">${text('address')}</span></p>
<p><a id="pay-link" href="${text('invoiceBitcoinUrl')}">Pay in wallet</a></p>
<p class="muted">Expires in <span id="expires">${text('expirationSeconds')}</span> s</p>
</main>
<script>
(function () {
  var srvModel = ${json};
  var invoiceId = srvModel.invoiceId;
  var statusUrl = '/i/' + encodeURIComponent(invoiceId) + '/status?paymentMethodId=' + encodeURIComponent(${JSON.stringify(pm)});
  var statusWsUrl = '/i/' + encodeURIComponent(invoiceId) + '/status/ws';
  var pollTimeoutID = null;
  function render() {
    document.getElementById('status').textContent = srvModel.status;
    document.getElementById('due').textContent = srvModel.due;
    document.getElementById('address').textContent = srvModel.address || '';
    document.getElementById('expires').textContent = String(srvModel.expirationSeconds);
  }
  function updateData(data) {
    if (srvModel.status !== data.status) {
      window.parent.postMessage({ invoiceId: invoiceId, status: data.status }, '*');
    }
    srvModel = data;
    render();
  }
  function fetchData() {
    return fetch(statusUrl).then(function (r) {
      if (r.ok) return r.json().then(updateData);
    }).catch(function () {});
  }
  function pollUpdates(interval, socket) {
    if (pollTimeoutID) clearTimeout(pollTimeoutID);
    (function pollFn() {
      pollTimeoutID = setTimeout(function () {
        if (!socket || socket.readyState !== 1) fetchData().then(pollFn);
      }, interval);
    })();
  }
  function listenIn() {
    var socket = null;
    try {
      socket = new WebSocket(location.protocol.replace('http', 'ws') + '//' + location.host + statusWsUrl);
      socket.onmessage = function (e) { if (e.data !== 'ping') fetchData(); };
      socket.onclose = function () { pollUpdates(2000, socket); };
    } catch (e) { socket = null; }
    if (!socket || socket.readyState !== 1) pollUpdates(2000, socket);
  }
  var close = document.getElementById('close');
  if (close) close.addEventListener('click', function () { window.parent.postMessage('close', '*'); });
  listenIn();
  window.parent.postMessage('loaded', '*');
})();
</script>
</body>
</html>`
}

export function checkoutRouter(deps: Deps): Router {
  const r = new Router()
  const status = statusHandler(deps)
  const page = checkoutPage(deps)
  for (const prefix of ['/i', '/invoice']) {
    r.on('GET', `${prefix}/:id/status`, status)
    r.on('GET', `${prefix}/:id/:pm/status`, status)
    // Plain GET (no upgrade) on the websocket path: 404, as BTCPay.
    r.on('GET', `${prefix}/:id/status/ws`, (ctx) => sendEmpty(ctx, 404))
    r.on('GET', `${prefix}/:id/:pm/status/ws`, (ctx) => sendEmpty(ctx, 404))
  }
  r.on('GET', '/invoice/status', status)
  r.on('GET', '/invoice/status/ws', (ctx) => sendEmpty(ctx, 404))
  r.on('GET', '/i/:id/receipt', (ctx) => {
    const inv = deps.state.invoice(ctx.params['id'] ?? '')
    if (!inv) return sendEmpty(ctx, 404)
    sendHtml(
      ctx,
      200,
      `<!doctype html><title>Receipt</title><h1>Receipt ${escapeHtml(inv.id)}</h1><p id="status">${inv.status}</p>`,
    )
  })
  r.on('GET', '/i/:id', page)
  r.on('GET', '/i/:id/:pm', page)
  r.on('GET', '/invoice', page)
  return r
}

// --- status websocket ------------------------------------------------------------------------------

const WS_PATHS: readonly RegExp[] = [
  /^\/(?:i|invoice)\/([^/]+)\/status\/ws$/,
  /^\/(?:i|invoice)\/([^/]+)\/[^/]+\/status\/ws$/,
]

/** The invoice id a websocket path targets, or null when the path is not a status socket. */
export function statusSocketInvoiceId(path: string, query: URLSearchParams): string | null {
  if (path === '/invoice/status/ws') return query.get('invoiceId')
  for (const re of WS_PATHS) {
    const m = re.exec(path)
    if (m) return decodeURIComponent(m[1] ?? '')
  }
  return null
}

/** Status websockets: one binary byte per invoice change, "ping" text frames while idle. */
export class StatusSockets {
  private readonly wss = new WebSocketServer({ noServer: true })
  private readonly byInvoice = new Map<string, Set<WebSocket>>()
  private readonly timers = new Map<WebSocket, NodeJS.Timeout>()

  constructor(private readonly deps: Deps) {
    deps.state.events.on('invoice', (inv: Invoice) => this.notify(inv.id))
  }

  get count(): number {
    return this.timers.size
  }

  /** Handles an upgrade request; refuses (404/503) like BTCPay or as a fault says. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost')
    // A client that resets during the handshake must not crash the server.
    socket.on('error', () => socket.destroy())
    const refuse = (status: number, text: string): void => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`)
    }
    const id = statusSocketInvoiceId(url.pathname, url.searchParams)
    if (id === null) return refuse(404, 'Not Found')
    if (this.deps.faults.take('GET', url.pathname, ['ws-refuse']).length > 0)
      return refuse(503, 'Service Unavailable')
    const inv = this.deps.state.invoice(id)
    if (!inv || isFinal(inv)) return refuse(404, 'Not Found')
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(inv.id, ws))
  }

  private attach(invoiceId: string, ws: WebSocket): void {
    let set = this.byInvoice.get(invoiceId)
    if (!set) this.byInvoice.set(invoiceId, (set = new Set()))
    set.add(ws)
    this.schedulePing(ws, this.deps.settings.wsPingInitialMs)
    ws.on('message', () => {
      // Client messages are ignored, as in BTCPay.
    })
    ws.on('close', () => {
      set.delete(ws)
      if (set.size === 0) this.byInvoice.delete(invoiceId)
      clearTimeout(this.timers.get(ws))
      this.timers.delete(ws)
    })
    ws.on('error', () => ws.terminate())
  }

  private schedulePing(ws: WebSocket, delay: number): void {
    clearTimeout(this.timers.get(ws))
    const timer = setTimeout(() => {
      if (ws.readyState === ws.OPEN) ws.send('ping')
      this.schedulePing(ws, this.deps.settings.wsPingIntervalMs)
    }, delay)
    timer.unref()
    this.timers.set(ws, timer)
  }

  private notify(invoiceId: string): void {
    for (const ws of this.byInvoice.get(invoiceId) ?? []) {
      if (ws.readyState !== ws.OPEN) continue
      ws.send(Buffer.from([0]), { binary: true })
      this.schedulePing(ws, this.deps.settings.wsPingIntervalMs)
    }
  }

  /** Closes every status socket now (fault injection / shutdown). */
  dropAll(code = 1001): number {
    let n = 0
    for (const ws of this.timers.keys()) {
      ws.close(code, 'dropped by test server')
      n++
    }
    return n
  }

  close(): void {
    for (const ws of this.timers.keys()) ws.terminate()
    this.wss.close()
  }
}
