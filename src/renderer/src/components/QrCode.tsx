import QRCode from 'qrcode'
import { useEffect, useState } from 'react'

/** A QR code drawn locally (no network), as a data: image the CSP allows. */
export function QrCode({
  text,
  size = 256,
  label,
}: {
  text: string
  size?: number
  label: string
}) {
  const [src, setSrc] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    QRCode.toDataURL(text, { width: size, margin: 2, errorCorrectionLevel: 'M' }).then(
      (url) => live && setSrc(url),
      () => live && setSrc(null),
    )
    return () => {
      live = false
    }
  }, [text, size])
  return src ? (
    <img className="qr" src={src} width={size} height={size} alt={label} data-qr-text={text} />
  ) : (
    <div className="qr placeholder" style={{ width: size, height: size }} aria-label={label} />
  )
}
