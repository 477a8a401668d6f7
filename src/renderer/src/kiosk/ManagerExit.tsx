import { useState } from 'react'
import { pos as api } from '../bridge'
import type { Result } from '../../../shared/ipc/result'
import { useTranslation } from '../i18n'
import { failText } from '../i18n/fail-words'
import { PinPrompt } from '../screens/manager/PinPrompt'
import { useAppStore, useTerminalStore } from '../stores/bound-stores'
import './kiosk.css'

/**
 * Opened by the hidden gesture (a long press on the shop name): the manager's way out of a locked
 * till. The core refuses both actions without the PIN; this screen only asks for it first.
 */
export function ManagerExit({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const manager = useTerminalStore((s) => s.state?.manager)
  const kiosk = useAppStore((s) => s.settings?.kiosk ?? false)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const locked = !manager || (manager.pinSet && !manager.unlocked)

  const act = async (action: () => Promise<Result<unknown>>, done: string) => {
    setBusy(true)
    const result = await action()
    setBusy(false)
    setMessage(result.ok ? done : failText(result))
  }

  return (
    <div className="manager-exit" role="dialog" aria-modal="true" aria-label={t('nav.manager')}>
      <div className="manager-exit-panel">
        {locked ? (
          <PinPrompt />
        ) : (
          <div className="manager-exit-actions">
            <h2>{t('nav.manager')}</h2>
            <button
              className="primary"
              disabled={busy}
              data-testid="quit-app"
              onClick={() => void act(() => api.quitApp(), t('exit.closing'))}
            >
              {t('exit.quit')}
            </button>
            {kiosk && (
              <button
                disabled={busy}
                data-testid="leave-kiosk"
                onClick={() =>
                  void act(() => api.updateSettings({ kiosk: false }), t('exit.kioskOff'))
                }
              >
                {t('exit.leaveKiosk')}
              </button>
            )}
          </div>
        )}
        {message && (
          <p className="message" role="status" data-testid="manager-exit-message">
            {message}
          </p>
        )}
        <button onClick={onClose} data-testid="manager-exit-close">
          {t('exit.back')}
        </button>
      </div>
    </div>
  )
}
