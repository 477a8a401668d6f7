import { formatMinor } from '../../../../shared/money'
import type { SaleView } from '../../../../shared/sale'
import { Trans } from 'react-i18next'
import { useLocale, useTranslation } from '../../i18n'
import { btcToMinor, someBtc } from '../../sales/btc-text'

/**
 * A BTC amount of this sale for the cashier: the sale's currency first at the rate BTCPay used,
 * the BTC beside it ("$2.10 · 0.0000336 BTC"); BTC alone when the rate is unknown.
 */
function Money({ sale, btc, testId }: { sale: SaleView; btc: string; testId?: string }) {
  const minor = btcToMinor(btc, sale.payment?.rate, sale.currency)
  const locale = useLocale()
  return (
    <bdi className="money" dir="ltr" data-testid={testId}>
      {minor !== null && (
        <strong className="fiat-part">{formatMinor(minor, sale.currency, locale)}</strong>
      )}
      <span className="btc-part">{minor !== null ? ` · ${btc} BTC` : `${btc} BTC`}</span>
    </bdi>
  )
}

/** The rate BTCPay fixed for the invoice, so the cashier can check the fiat figures. */
function RateLine({ sale }: { sale: SaleView }) {
  const perBtc = btcToMinor('1', sale.payment?.rate, sale.currency)
  const { t } = useTranslation()
  const locale = useLocale()
  if (perBtc === null) return null
  return (
    <p className="rate" data-testid="rate">
      {t('phase.rate', { amount: formatMinor(perBtc, sale.currency, locale) })}
    </p>
  )
}

/** What the cashier should know and do in this phase, in plain words. */
export function PhaseNote({ sale }: { sale: SaleView }) {
  const p = sale.payment
  const { t } = useTranslation()
  switch (sale.phase) {
    case 'waiting':
      // The amount in BTC stands beside the QR code (or in BTCPay's checkout page).
      return null
    case 'partial':
      return (
        <div className="phase-note" data-testid="partial-note">
          <p className="due">
            {t('phase.stillDue')}{' '}
            {someBtc(p?.btcDue) ? (
              <Money sale={sale} btc={p.btcDue} testId="btc-due" />
            ) : (
              t('phase.unknown')
            )}
          </p>
          <p>
            {t('phase.paidSoFar')}{' '}
            {someBtc(p?.btcPaid) ? (
              <Money sale={sale} btc={p.btcPaid} testId="paid" />
            ) : (
              t('phase.partOfIt')
            )}
            . {t('phase.askForRest')}
          </p>
          <RateLine sale={sale} />
        </div>
      )
    case 'paid':
      return (
        <p className="phase-note" data-testid="paid-note">
          {t('phase.paid')}
        </p>
      )
    case 'settled':
      return (
        <p className="phase-note" data-testid="settled-note">
          {t('phase.settled')}
        </p>
      )
    case 'overpaid':
      return (
        <div className="phase-note" data-testid="overpaid-note">
          <Overpaid sale={sale} />
          <p>{t('phase.overpaid')}</p>
          <RateLine sale={sale} />
        </div>
      )
    case 'paid-late':
      return (
        <div className="phase-note" data-testid="paid-late-note">
          {someBtc(p?.btcPaid) && (
            <p className="due">
              {t('phase.paidLabel')} <Money sale={sale} btc={p.btcPaid} testId="paid" />
            </p>
          )}
          <p>{t('phase.paidLate')}</p>
          <RateLine sale={sale} />
        </div>
      )
    case 'expired':
      return (
        <p className="phase-note" data-testid="expired-note">
          {someBtc(p?.btcPaid) ? (
            <Trans
              i18nKey="phase.expiredPart"
              components={{ money: <Money sale={sale} btc={p.btcPaid} testId="paid" /> }}
            />
          ) : (
            t('phase.expired')
          )}
        </p>
      )
    case 'invalid':
      return (
        <div className="phase-note" data-testid="invalid-note">
          {someBtc(p?.btcPaid) && (
            <p className="due">
              {t('phase.paidNowInvalid')} <Money sale={sale} btc={p.btcPaid} testId="paid" />
            </p>
          )}
          <p>{t('phase.invalid')}</p>
        </div>
      )
    case 'not-created':
      return (
        <p className="phase-note" data-testid="not-created-note">
          {t('phase.notCreated')}
        </p>
      )
    case 'abandoned':
      return (
        <p className="phase-note" data-testid="abandoned-note">
          {t('phase.abandoned')}
        </p>
      )
    case 'creating':
      return null
  }
}

/** Paid, due and the difference, the sale's currency first. */
function Overpaid({ sale }: { sale: SaleView }) {
  const p = sale.payment
  const { t } = useTranslation()
  const locale = useLocale()
  if (!someBtc(p?.btcPaid)) return <p className="due">{t('phase.paidMore')}</p>
  const paidMinor = btcToMinor(p.btcPaid, p.rate, sale.currency)
  const over = paidMinor !== null ? paidMinor - sale.amountMinor : null
  return (
    <>
      <p className="due">
        {t('phase.paidLabel')} <Money sale={sale} btc={p.btcPaid} testId="paid" />
      </p>
      <p>
        {t('phase.dueLabel')} {formatMinor(sale.amountMinor, sale.currency, locale)}
        {someBtc(p.btcPrice) ? ` · ${p.btcPrice} BTC` : ''}
      </p>
      {over !== null && over > 0 && (
        <p className="due" data-testid="overpaid-by">
          {t('phase.overpaidBy', { amount: formatMinor(over, sale.currency, locale) })}
        </p>
      )}
    </>
  )
}
