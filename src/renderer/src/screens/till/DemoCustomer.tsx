import { useState } from 'react'
import type { DemoAction } from '../../../../shared/demo'
import { payablePhases, type SalePhase, type SaleView } from '../../../../shared/sale'
import { useTranslation, type TranslationKey } from '../../i18n'
import { useSalesStore } from '../../stores/bound-stores'
import { failText } from '../../i18n/fail-words'

type Offer = { id: DemoAction; label: TranslationKey; when: readonly SalePhase[] }

/** Each button only where BTCPay allows that step, so every outcome screen can be reached. */
const actions: readonly Offer[] = [
  { id: 'pay', label: 'demo.pay', when: payablePhases },
  { id: 'pay-partial', label: 'demo.payPartial', when: payablePhases },
  { id: 'pay-over', label: 'demo.payOver', when: payablePhases },
  { id: 'pay-late', label: 'demo.payLate', when: ['waiting'] },
  { id: 'expire', label: 'demo.expire', when: ['waiting'] },
  { id: 'invalidate', label: 'demo.invalidate', when: ['partial', 'paid', 'overpaid'] },
  { id: 'confirm', label: 'demo.confirm', when: ['paid', 'overpaid'] },
]

/** Demo mode only: plays the customer's wallet through the BTCPay test server. */
export function DemoCustomer({ sale }: { sale: SaleView }) {
  const { t } = useTranslation()
  const [message, setMessage] = useState<string | null>(null)
  const simulateCustomer = useSalesStore((s) => s.simulateCustomer)
  if (!sale.invoiceId) return null
  const invoiceId = sale.invoiceId
  const offered = actions.filter((a) => a.when.includes(sale.phase))
  if (offered.length === 0) return null
  return (
    <aside className="demo-customer" aria-label={t('demo.customer')} data-testid="demo-customer">
      <span className="demo-tag">{t('demo.tag')}</span>
      {offered.map((a) => (
        <button
          key={a.id}
          className="secondary"
          onClick={() =>
            void simulateCustomer({ invoiceId, action: a.id }).then((r) =>
              setMessage(r.ok ? null : failText(r)),
            )
          }
        >
          {t(a.label)}
        </button>
      ))}
      {message && (
        <p className="message error" role="alert">
          {message}
        </p>
      )}
    </aside>
  )
}
