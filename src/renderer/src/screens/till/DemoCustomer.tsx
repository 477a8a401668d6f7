import { useState } from 'react'
import { payablePhases, type SaleView } from '../../../../shared/sale'
import { useSalesStore } from '../../stores/bound-stores'

const actions = [
  { id: 'pay', label: 'Customer pays' },
  { id: 'pay-partial', label: 'Pays part' },
  { id: 'pay-over', label: 'Overpays' },
  { id: 'confirm', label: 'Confirm on chain' },
] as const

/** Demo mode only: plays the customer's wallet through the BTCPay test server. */
export function DemoCustomer({ sale }: { sale: SaleView }) {
  const [message, setMessage] = useState<string | null>(null)
  const simulateCustomer = useSalesStore((s) => s.simulateCustomer)
  if (!sale.invoiceId) return null
  const invoiceId = sale.invoiceId
  const offered = actions.filter((a) =>
    a.id === 'confirm'
      ? ['paid', 'overpaid'].includes(sale.phase)
      : payablePhases.includes(sale.phase),
  )
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
