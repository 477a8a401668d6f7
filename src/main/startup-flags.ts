/** Flags both hosts accept. Unknown flags are left alone: Electron and Chromium add their own. */
export type StartupFlags = {
  dataDir: string | null
  provisionFile: string | null
  kiosk: boolean
  port: number | null
  /** `--demo <url>`: the project's BTCPay test server whose control API simulates customers. */
  demo: string | null
}

export function parseStartupFlags(argv: readonly string[]): StartupFlags {
  const flags: StartupFlags = {
    dataDir: null,
    provisionFile: null,
    kiosk: false,
    port: null,
    demo: null,
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=') ? splitOnce(arg) : [arg, undefined]
    const value = () => {
      const v = inline ?? argv[++i]
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('--'))) {
        throw new Error(`${name} needs a value`)
      }
      return v
    }
    switch (name) {
      case '--data-dir':
        flags.dataDir = value()
        break
      case '--provision':
        flags.provisionFile = value()
        break
      case '--kiosk':
        flags.kiosk = true
        break
      case '--demo': {
        const raw = value()
        const url = URL.canParse(raw) ? new URL(raw) : null
        if (
          !url ||
          url.protocol !== 'http:' ||
          !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
        ) {
          throw new Error(`--demo takes the loopback URL of the BTCPay test server, not ${raw}`)
        }
        flags.demo = url.origin
        break
      }
      case '--port': {
        const raw = value()
        const port = Number(raw)
        if (!/^\d+$/.test(raw) || port > 65535)
          throw new Error(`--port must be a number from 0 to 65535, not ${raw}`)
        flags.port = port
        break
      }
    }
  }
  return flags
}

function splitOnce(arg: string): [string, string] {
  const at = arg.indexOf('=')
  return [arg.slice(0, at), arg.slice(at + 1)]
}
