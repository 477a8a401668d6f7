import { useState } from 'react'
import { pos } from '../../bridge'
import { FormResult, type Outcome } from '../../components/FormResult'
import { useCartStore } from '../../stores/bound-stores'

/**
 * The catalog's source: the id of a BTCPay Point of Sale app (the last part of its address in
 * BTCPay), or none for a keypad-only till; and barcodes attached to items on this till.
 */
export function CatalogPanel() {
  const catalog = useCartStore((s) => s.catalog)
  const [appId, setAppId] = useState(catalog?.appId ?? '')
  const [itemId, setItemId] = useState('')
  const [barcode, setBarcode] = useState('')
  const [result, setResult] = useState<Outcome | null>(null)

  const choose = async () => {
    const r = await pos.chooseCatalogApp({ appId: appId.trim() || null })
    setResult(
      r.ok
        ? {
            ok: true,
            text: r.data.appId
              ? `${r.data.items.length} items from “${r.data.title ?? r.data.appId}”.`
              : 'No catalog: the till shows the keypad.',
          }
        : { ok: false, text: r.message },
    )
  }
  const attach = async () => {
    const r = await pos.setItemBarcode({ itemId, barcode })
    setResult(
      r.ok ? { ok: true, text: `Barcode ${barcode} attached.` } : { ok: false, text: r.message },
    )
    if (r.ok) setBarcode('')
  }

  return (
    <section className="form" aria-labelledby="catalog-title">
      <h2 id="catalog-title">Catalog</h2>
      <label>
        BTCPay Point of Sale app id
        <input value={appId} onChange={(e) => setAppId(e.target.value)} />
      </label>
      <button type="button" className="primary" onClick={() => void choose()}>
        Use this catalog
      </button>
      {catalog && catalog.items.length > 0 && (
        <div className="row">
          <select value={itemId} onChange={(e) => setItemId(e.target.value)} aria-label="Item">
            <option value="">Item…</option>
            {catalog.items.map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
                {i.barcodes.length > 0 ? ` (${i.barcodes.join(', ')})` : ''}
              </option>
            ))}
          </select>
          <input
            aria-label="Barcode"
            placeholder="Scan or type a barcode"
            value={barcode}
            onChange={(e) => setBarcode(e.target.value)}
          />
          <button
            type="button"
            className="secondary"
            disabled={!itemId}
            onClick={() => void attach()}
          >
            Attach barcode
          </button>
        </div>
      )}
      <FormResult result={result} testId="catalog-result" />
    </section>
  )
}
