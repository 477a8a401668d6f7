// The customer's pull-payment page: BTCPayServer/Controllers/UIPullPaymentController.cs
// (ViewPullPayment, ClaimPullPayment): what is left to claim, the payouts so far, and a claim form
// (destination, amount, payout method); the LNURL-withdraw link where BTCPay offers one.
import type { Deps } from '../core/context'
import type { Ctx, Router } from '../core/http'
import { baseUrl, escapeHtml, redirect, sendHtml } from '../core/http'
import { toDecimalString } from '../core/money'
import type { PayoutMethodId } from '../core/pull-payments'
import { formatAmount, PAYOUT_METHODS, PayoutError, remainingUnits } from '../core/pull-payments'
import {
  claimPullPayment,
  payoutsOf,
  pullPaymentLnurl,
  supportsLnurl,
} from '../greenfield/pull-payments'
import { form, page } from './html'

function view(ctx: Ctx, deps: Deps, error = ''): void {
  const pp = deps.state.pullPayments.get(ctx.params['pullPaymentId'] ?? '')
  if (!pp) return sendHtml(ctx, 404, page('Not found', '<p>Pull payment not found</p>'))
  const payouts = payoutsOf(deps, pp)
  const left = formatAmount(remainingUnits(pp, payouts), pp.currency)
  const rows = payouts
    .map(
      (p) =>
        `<tr class="payout" data-state="${p.state}"><td>${escapeHtml(p.originalAmount)} ${escapeHtml(p.originalCurrency)}</td><td>${escapeHtml(p.destination)}</td><td>${p.state}</td></tr>`,
    )
    .join('')
  const options = pp.payoutMethods.map((m) => `<option value="${m}">${m}</option>`).join('')
  const lnurl = supportsLnurl(pp)
    ? `<p>Lightning wallet: <a id="lnurl" href="lightning:${pullPaymentLnurl(pp, baseUrl(ctx)).lnurlBech32}">claim with LNURL-withdraw</a></p>`
    : ''
  sendHtml(
    ctx,
    error ? 400 : 200,
    page(
      pp.name,
      `<h1 id="name">${escapeHtml(pp.name)}</h1><p id="description">${escapeHtml(pp.description)}</p>
<p>Amount: <span id="amount">${escapeHtml(pp.amount)} ${escapeHtml(pp.currency)}</span>; left to claim: <span id="left">${left}</span></p>
${error ? `<p id="error">${escapeHtml(error)}</p>` : ''}
<form method="post"><label>Destination <input name="Destination" id="Destination"></label>
<label>Amount <input name="ClaimedAmount" id="ClaimedAmount" value="${left}"></label>
<label>Payout method <select name="SelectedPayoutMethod" id="SelectedPayoutMethod">${options}</select></label>
<button type="submit" id="claim">Claim</button></form>${lnurl}
<table id="payouts">${rows}</table>`,
    ),
  )
}

function claim(ctx: Ctx, deps: Deps): void {
  const pp = deps.state.pullPayments.get(ctx.params['pullPaymentId'] ?? '')
  if (!pp) return sendHtml(ctx, 404, page('Not found', '<p>Pull payment not found</p>'))
  const f = form(ctx)
  const method = (f.get('SelectedPayoutMethod') ?? pp.payoutMethods[0] ?? '') as PayoutMethodId
  const amountText = (f.get('ClaimedAmount') ?? '').trim()
  const amount = amountText === '' ? null : toDecimalString(amountText)
  if (!PAYOUT_METHODS.includes(method)) return view(ctx, deps, 'Invalid payout method')
  if (amountText !== '' && amount === null) return view(ctx, deps, 'Invalid amount')
  try {
    claimPullPayment(deps, pp, {
      destination: f.get('Destination') ?? '',
      amount,
      payoutMethodId: method,
    })
  } catch (e) {
    if (e instanceof PayoutError) return view(ctx, deps, e.message)
    throw e
  }
  redirect(ctx, `/pull-payments/${encodeURIComponent(pp.id)}`)
}

export function pullPaymentPageRoutes(r: Router, deps: Deps): void {
  r.on('GET', '/pull-payments/:pullPaymentId', (ctx) => view(ctx, deps))
  r.on('POST', '/pull-payments/:pullPaymentId', (ctx) => claim(ctx, deps))
}
