import { useEffect, useState } from 'react'
import type { PosAppList } from '../../../../shared/catalog'
import { FormResult, type Outcome } from '../../components/FormResult'
import { useTranslation } from '../../i18n'
import { useCartStore } from '../../stores/bound-stores'
import { failText } from '../../i18n/fail-words'

/**
 * The catalog's source: one of the store's BTCPay Point of Sale apps, picked from the list, or
 * none for a keypad-only till; and barcodes attached to items on this till. BTCPay lists apps
 * only to a key that may modify the store, so without the list the manager types the app's id
 * (the last part of its address in BTCPay).
 */
export function CatalogPanel() {
  const { t } = useTranslation()
  const catalog = useCartStore((s) => s.catalog)
  const chooseCatalogApp = useCartStore((s) => s.chooseCatalogApp)
  const listPosApps = useCartStore((s) => s.listPosApps)
  const setItemBarcode = useCartStore((s) => s.setItemBarcode)
  const [appId, setAppId] = useState(catalog?.appId ?? '')
  const [itemId, setItemId] = useState('')
  const [barcode, setBarcode] = useState('')
  const [result, setResult] = useState<Outcome | null>(null)
  /** The store's PoS apps, or why BTCPay would not list them (then the id is typed). */
  const [apps, setApps] = useState<{ list: PosAppList } | { error: string } | null>(null)

  useEffect(() => {
    let live = true
    void listPosApps().then((r) => {
      if (live) setApps(r.ok ? { list: r.data } : { error: failText(r) })
    })
    return () => {
      live = false
    }
  }, [listPosApps])

  const choose = async (picked: string | null) => {
    const r = await chooseCatalogApp({ appId: picked })
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
        : { ok: false, text: failText(r) },
    )
  }
  const attach = async () => {
    const r = await setItemBarcode({ itemId, barcode })
    setResult(
      r.ok
        ? { ok: true, text: t('catalogPanel.attached', { barcode }) }
        : { ok: false, text: failText(r) },
    )
    if (r.ok) setBarcode('')
  }

  return (
    <section className="form" aria-labelledby="catalog-title">
      <h2 id="catalog-title">{t('catalogPanel.title')}</h2>
      {apps === null && <p className="hint">{t('catalogPanel.loadingApps')}</p>}
      {apps !== null && 'list' in apps && (
        <div className="row" role="group" aria-label={t('catalogPanel.apps')}>
          {apps.list.length === 0 && <p className="hint">{t('catalogPanel.noApps')}</p>}
          {apps.list.map((app) => (
            <button
              key={app.id}
              type="button"
              className={app.id === catalog?.appId ? 'primary' : 'secondary'}
              aria-pressed={app.id === catalog?.appId}
              onClick={() => void choose(app.id)}
            >
              {app.name ?? app.id}
            </button>
          ))}
          <button
            type="button"
            className="secondary"
            aria-pressed={!catalog?.appId}
            onClick={() => void choose(null)}
          >
            {t('catalogPanel.keypadOnly')}
          </button>
        </div>
      )}
      {apps !== null && 'error' in apps && (
        <>
          <p className="hint">{t('catalogPanel.noList', { reason: apps.error })}</p>
          <label>
            {t('catalogPanel.appId')}
            <input value={appId} onChange={(e) => setAppId(e.target.value)} />
          </label>
          <p className="hint">{t('catalogPanel.hint')}</p>
          <button
            type="button"
            className="primary"
            onClick={() => void choose(appId.trim() || null)}
          >
            {t('catalogPanel.use')}
          </button>
        </>
      )}
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
