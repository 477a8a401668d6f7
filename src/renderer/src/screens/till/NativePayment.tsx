import type { SaleView } from '../../../../shared/sale'
import { Countdown } from '../../components/Countdown'
import { QrCode } from '../../components/QrCode'
import { useTranslation } from '../../i18n'
import { someBtc } from '../../sales/btc-text'
import { methodName, paymentChoices, type PaymentChoice } from '../../sales/payment-choices'
import { useSalesStore } from '../../stores/bound-stores'

/**
 * The payment QR code drawn on this screen, with a switch between the on-chain (BIP21) link and
 * the Lightning invoice when the sale has both, and the time left to pay. A switch is reported
 * to main, so the customer display shows the same code.
 */
export function NativePayment({ sale }: { sale: SaleView }) {
  const { t } = useTranslation()
  const showPaymentMethod = useSalesStore((s) => s.showPaymentMethod)
  const { choices, preferred } = paymentChoices(sale.payment)
  const picked = useSalesStore((s) =>
    s.pickedMethod?.saleId === sale.id ? s.pickedMethod.method : null,
  )
  const choice = choices.find((c) => c.id === picked) ?? choices.find((c) => c.id === preferred)

  if (!choice) {
    return (
      <p className="message error" role="alert" data-testid="no-payment-link">
        {t('pay.noLink')}
      </p>
    )
  }
  const pick = (method: PaymentChoice['id']) => void showPaymentMethod({ saleId: sale.id, method })
  return (
    <div className="native-payment">
      <div className="qr-column">
        <QrCode
          text={choice.qrText}
          size={320}
          label={t('pay.qrLabel', { method: t(methodName[choice.id]) })}
        />
        {choices.length > 1 && (
          <div className="segmented" role="tablist" aria-label={t('pay.method')}>
            {choices.map((c) => (
              <button
                key={c.id}
                role="tab"
                type="button"
                aria-selected={c.id === choice.id}
                className={c.id === choice.id ? 'tab active' : 'tab'}
                data-testid={`method-${c.id}`}
                onClick={() => pick(c.id)}
              >
                {t(methodName[c.id])}
              </button>
            ))}
          </div>
        )}
      </div>
      <div className="pay-facts">
        {someBtc(sale.payment?.btcDue) && (
          <p className="btc" data-testid="btc-amount">
            <bdi dir="ltr">{sale.payment.btcDue} BTC</bdi>
          </p>
        )}
        <p className="scan-hint">
          {choice.id === 'lightning' ? t('pay.scanLightning') : t('pay.scanOnchain')}
        </p>
        {sale.expiresAt !== null && (
          <Countdown until={sale.expiresAt} label={(time) => t('pay.expiresIn', { time })} />
        )}
      </div>
    </div>
  )
}
