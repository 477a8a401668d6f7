import QRCode from 'qrcode'
import { useMemo } from 'react'

/**
 * The code as an SVG data: image (the CSP allows data: images). qrcode's callback form renders
 * synchronously, so the code is in the same frame as the screen that shows it: no canvas, no PNG
 * to encode and decode, no second render (Enter-to-QR, docs/benchmarks.md).
 */
function svgDataUrl(text: string, size: number): string | null {
  let url: string | null = null
  QRCode.toString(
    text,
    { type: 'svg', width: size, margin: 2, errorCorrectionLevel: 'M' },
    (err, svg) => {
      url = err ? null : `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
    },
  )
  return url
}

/** A QR code drawn locally (no network). */
export function QrCode({
  text,
  size = 256,
  label,
}: {
  text: string
  size?: number
  label: string
}) {
  const src = useMemo(() => svgDataUrl(text, size), [text, size])
  return src ? (
    <img className="qr" src={src} width={size} height={size} alt={label} data-qr-text={text} />
  ) : (
    <div className="qr placeholder" style={{ width: size, height: size }} aria-label={label} />
  )
}
