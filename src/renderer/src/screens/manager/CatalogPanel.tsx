import { useState } from 'react'
import { FormResult, type Outcome } from '../../components/FormResult'
import { useTranslation } from '../../i18n'
import { useCartStore } from '../../stores/bound-stores'

/**
 * The catalog's source: the id of a BTCPay Point of Sale app (the last part of its address in
 * BTCPay), or none for a keypad-only till; and barcodes attached to items on this till.
 */
export function CatalogPanel() {
  const { t } = useTranslation()
  const catalog = useCartStore((s) => s.catalog)
  const chooseCatalogApp = useCartStore((s) => s.chooseCatalogApp)
  const setItemBarcode = useCartStore((s) => s.setItemBarcode)
  const [appId, setAppId] = useState(catalog?.appId ?? '')
  const [itemId, setItemId] = useState('')
  const [barcode, setBarcode] = useState('')
  const [result, setResult] = useState<Outcome | null>(null)

  const choose = async () => {
    const r = await chooseCatalogApp({ appId: appId.trim() || null })
    setResult(
      r.ok
        ? {
            ok: true,
            text: r.data.appId
              ? t('catalogPanel.read', {
                  title: r.data.title ?? r.data.appId,
                  items: r.data.items.length,
                })
              : t('catalogPanel.none'),
          }
        : { ok: false, text: r.message },
    )
  }
  const attach = async () => {
    const r = await setItemBarcode({ itemId, barcode })
    setResult(
      r.ok
        ? { ok: true, text: t('catalogPanel.attached', { barcode }) }
        : { ok: false, text: r.message },
    )
    if (r.ok) setBarcode('')
  }

  return (
    <section className="form" aria-labelledby="catalog-title">
      <h2 id="catalog-title">{t('catalogPanel.title')}</h2>
      <label>
        {t('catalogPanel.appId')}
        <input value={appId} onChange={(e) => setAppId(e.target.value)} />
      </label>
      <p className="hint">{t('catalogPanel.hint')}</p>
      <button type="button" className="primary" onClick={() => void choose()}>
        {t('catalogPanel.use')}
      </button>
      {catalog && catalog.items.length > 0 && (
        <div className="row">
          <select
            value={itemId}
            onChange={(e) => setItemId(e.target.value)}
            aria-label={t('catalogPanel.item')}
          >
            <option value="">{t('catalogPanel.pickItem')}</option>
            {catalog.items.map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
                {i.barcodes.length > 0 ? ` (${i.barcodes.join(', ')})` : ''}
              </option>
            ))}
          </select>
          <input
            aria-label={t('catalogPanel.barcode')}
            placeholder={t('catalogPanel.barcodePlaceholder')}
            value={barcode}
            onChange={(e) => setBarcode(e.target.value)}
          />
          <button
            type="button"
            className="secondary"
            disabled={!itemId}
            onClick={() => void attach()}
          >
            {t('catalogPanel.attach')}
          </button>
        </div>
      )}
      <FormResult result={result} testId="catalog-result" />
    </section>
  )
}
