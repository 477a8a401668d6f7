import { isSameOrigin } from './navigation'

/**
 * The one permission the app's own page may use: writing to the clipboard (the manager's "Copy
 * public key"). Camera, microphone, notifications, geolocation and the rest are refused, and so is
 * everything asked for by any other origin, including BTCPay's embedded checkout.
 */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  appOrigin: string,
): boolean {
  return permission === 'clipboard-sanitized-write' && isSameOrigin(requestingUrl, appOrigin)
}
