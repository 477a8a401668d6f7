import { describe, expect, it } from 'vitest'
import { resolveAppFile, resolveStaticFile } from './app-protocol'
import { contentSecurityPolicy } from './csp'
import { APP_ORIGIN, isAllowedFrame, isAllowedNavigation, isSameOrigin } from './navigation'
import { isPermissionAllowed } from './permissions'
import { senderTrustPolicy } from './sender-trust'
import { secureWebPreferences } from './web-preferences'

describe('secureWebPreferences', () => {
  it('turns every protection on and names the preload', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs', { devTools: false })
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    })
  })
})

describe('contentSecurityPolicy', () => {
  const directives = (csp: string) =>
    Object.fromEntries(
      csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]),
    )

  it('lets the renderer reach nothing on the network by default', () => {
    const d = directives(contentSecurityPolicy())
    expect(d['default-src']).toBe("'none'")
    expect(d['script-src']).toBe("'self'")
    expect(d['connect-src']).toBe("'none'")
    expect(d['frame-src']).toBe("'none'")
    expect(d['object-src']).toBe("'none'")
    expect(d['frame-ancestors']).toBe("'none'")
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-(inline|eval)/)
  })

  it('opens frames to the paired server origin only, reduced to its origin', () => {
    const d = directives(
      contentSecurityPolicy({ frameOrigin: 'https://shop.example.com/btcpay/i/abc?x=1' }),
    )
    expect(d['frame-src']).toBe('https://shop.example.com')
  })

  it('refuses anything that is not an origin instead of writing it into the policy', () => {
    expect(() =>
      contentSecurityPolicy({ frameOrigin: "https://a.com; script-src 'unsafe-inline'" }),
    ).toThrow()
    expect(() => contentSecurityPolicy({ frameOrigin: 'javascript:alert(1)' })).toThrow()
    expect(() => contentSecurityPolicy({ connectOrigin: 'not a url' })).toThrow()
  })
})

describe('navigation guards', () => {
  it.each([
    ['app://cashier/index.html', true],
    ['app://cashier/#/history', true],
    ['app://cashier.evil.com/index.html', false],
    ['app://evil/index.html', false],
    ['https://cashier/index.html', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['about:blank', false],
    ['', false],
    ['not a url', false],
  ])('top window navigation to %s allowed: %s', (url, allowed) => {
    expect(isAllowedNavigation(url, APP_ORIGIN)).toBe(allowed)
  })

  const paired = 'https://shop.example.com'
  it.each([
    ['https://shop.example.com/i/abc?view=modal', true],
    ['https://shop.example.com:443/i/abc', true],
    ['https://SHOP.example.com/i/abc', true],
    ['https://shop.example.com.evil.com/i/abc', false],
    ['https://shop.example.com@evil.com/i/abc', false],
    ['https://user:pw@shop.example.com/i/abc', false],
    ['http://shop.example.com/i/abc', false],
    ['https://shop.example.com:8443/i/abc', false],
    ['https://evil.com/?https://shop.example.com', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['about:blank', true],
  ])('frame to %s allowed: %s', (url, allowed) => {
    expect(isAllowedFrame(url, paired)).toBe(allowed)
  })

  it('allows no frame at all before pairing', () => {
    expect(isAllowedFrame('https://shop.example.com/i/abc', null)).toBe(false)
  })

  it('compares loopback origins with their port', () => {
    expect(isSameOrigin('http://127.0.0.1:4000/x', 'http://127.0.0.1:4000')).toBe(true)
    expect(isSameOrigin('http://127.0.0.1:4001/x', 'http://127.0.0.1:4000')).toBe(false)
    expect(isSameOrigin('http://localhost:4000/x', 'http://127.0.0.1:4000')).toBe(false)
  })
})

describe('senderTrustPolicy', () => {
  const trusted = senderTrustPolicy({ contentsId: () => 7, origin: APP_ORIGIN })
  const good = { frameUrl: 'app://cashier/index.html', isTopFrame: true, contentsId: 7 }
  it('trusts the top frame of our window on our origin', () => expect(trusted(good)).toBe(true))
  it.each([
    ['a subframe', { ...good, isTopFrame: false }],
    ['another window', { ...good, contentsId: 8 }],
    ['a destroyed frame', { ...good, frameUrl: null }],
    ['another origin', { ...good, frameUrl: 'https://shop.example.com/i/abc' }],
    ['a look-alike host', { ...good, frameUrl: 'app://cashier.evil/index.html' }],
  ])('rejects %s', (_name, sender) => expect(trusted(sender)).toBe(false))
  it('rejects everything while there is no window', () => {
    expect(senderTrustPolicy({ contentsId: () => null, origin: APP_ORIGIN })(good)).toBe(false)
  })
})

describe('app:// file resolution', () => {
  const root = '/opt/app/out/renderer'
  it.each([
    ['app://cashier/', `${root}/index.html`],
    ['app://cashier/index.html', `${root}/index.html`],
    ['app://cashier/assets/index-1.js?v=1#x', `${root}/assets/index-1.js`],
    // The URL parser collapses dot segments (also %2e%2e) before we see them: still inside root.
    ['app://cashier/../../etc/passwd', `${root}/etc/passwd`],
    ['app://cashier/%2e%2e/%2e%2e/etc/passwd', `${root}/etc/passwd`],
  ])('%s → %s', (url, file) => expect(resolveAppFile(root, url)).toBe(file))

  it.each([
    'app://cashier/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd',
    'app://cashier/..%5c..%5cwindows',
    'app://cashier/index.html%00.png',
    'app://cashier/%E0%A4%A',
    'app://other/index.html',
    'https://cashier/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => expect(resolveAppFile(root, url)).toBeNull())

  it('never resolves outside the root for encoded traversal in a plain path', () => {
    expect(resolveStaticFile(root, '/%2e%2e/secret')).toBeNull()
  })
})

describe('permissions', () => {
  it.each([
    ['clipboard-sanitized-write', 'app://cashier/index.html', true],
    ['clipboard-sanitized-write', 'https://shop.example.com/i/abc', false],
    ['clipboard-read', 'app://cashier/index.html', false],
    ['media', 'app://cashier/index.html', false],
    ['geolocation', 'app://cashier/index.html', false],
    ['notifications', 'app://cashier/index.html', false],
  ])('%s from %s allowed: %s', (permission, url, allowed) => {
    expect(isPermissionAllowed(permission, url, APP_ORIGIN)).toBe(allowed)
  })
})
