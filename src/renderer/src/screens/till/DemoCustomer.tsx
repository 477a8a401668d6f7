import { useState } from 'react'
import type { DemoAction } from '../../../../shared/demo'
import { payablePhases, type SalePhase, type SaleView } from '../../../../shared/sale'
import { useSalesStore } from '../../stores/bound-stores'

type Offer = { id: DemoAction; label: string; when: readonly SalePhase[] }

/** Each button only where BTCPay allows that step, so every outcome screen can be reached. */
const actions: readonly Offer[] = [
  { id: 'pay', label: 'Customer pays', when: payablePhases },
  { id: 'pay-partial', label: 'Pays part', when: payablePhases },
  { id: 'pay-over', label: 'Overpays', when: payablePhases },
  { id: 'pay-late', label: 'Pays too late', when: ['waiting'] },
  { id: 'expire', label: 'Lets it expire', when: ['waiting'] },
  { id: 'invalidate', label: 'Double-spends', when: ['partial', 'paid', 'overpaid'] },
  { id: 'confirm', label: 'Confirm on chain', when: ['paid', 'overpaid'] },
]

/** Demo mode only: plays the customer's wallet through the BTCPay test server. */
export function DemoCustomer({ sale }: { sale: SaleView }) {
  const [message, setMessage] = useState<string | null>(null)
  const simulateCustomer = useSalesStore((s) => s.simulateCustomer)
  if (!sale.invoiceId) return null
  const invoiceId = sale.invoiceId
  const offered = actions.filter((a) => a.when.includes(sale.phase))
  if (offered.length === 0) return null
  return (
    <aside className="demo-customer" aria-label="Simulated customer" data-testid="demo-customer">
      <span className="demo-tag">DEMO</span>
      {offered.map((a) => (
        <button
          key={a.id}
          className="secondary"
          onClick={() =>
            void simulateCustomer({ invoiceId, action: a.id }).then((r) =>
              setMessage(r.ok ? null : r.message),
            )
          }
        >
          {a.label}
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
