import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { Ajv } from 'ajv'
import { afterAll, describe, expect, it } from 'vitest'

// The installers cannot be built here (no Electron binary); this checks what can be checked:
// the builder configuration against electron-builder's own schema and the project's table, and
// the after-pack fuse step run for real on a stand-in binary that carries a fuse wire.
const root = resolve(import.meta.dirname, '..')
const read = (path: string) => readFileSync(join(root, path), 'utf8')
type PlatformConfig = { target: string[]; icon: string }
const builder = JSON.parse(read('electron-builder.json')) as {
  afterPack: string
  files: string[]
  asar: boolean
  asarUnpack: string[]
  npmRebuild: boolean
  extraResources: unknown[]
  linux: PlatformConfig
  win: PlatformConfig
  mac: PlatformConfig
}
const pkg = JSON.parse(read('package.json')) as Record<string, Record<string, string>>

/** The fuses the packaged app ships with (electron-anchors.md §4, item 19). */
const fuseTable: Record<keyof typeof FuseV1Options, boolean> = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  GrantFileProtocolExtraPrivileges: false,
  WasmTrapHandlers: true,
}

type AfterPack = {
  default(context: unknown): Promise<void>
  fuseConfig(platform: string): Record<string, unknown>
}
const hookPath = pathToFileURL(join(root, builder.afterPack)).href
const loadHook = () => import(hookPath) as Promise<AfterPack>

describe('electron-builder configuration', () => {
  it("is valid against electron-builder's own schema", () => {
    const schema = JSON.parse(read('node_modules/app-builder-lib/scheme.json')) as object
    const ajv = new Ajv({ allErrors: true, strict: false })
    const { $schema: _, ...config } = builder as typeof builder & { $schema?: string }
    const valid = ajv.validate(schema, config)
    expect(ajv.errors ?? [], ajv.errorsText()).toEqual([])
    expect(valid).toBe(true)
  })

  it('builds AppImage and deb, NSIS and dmg', () => {
    expect({
      linux: builder.linux.target,
      win: builder.win.target,
      mac: builder.mac.target,
    }).toEqual({ linux: ['AppImage', 'deb'], win: ['nsis'], mac: ['dmg'] })
  })

  it("packs the built app into an ASAR, with keytar rebuilt for Electron's ABI and unpacked", () => {
    expect(builder.files).toEqual(['out/**/*', 'package.json'])
    expect(builder.asar).toBe(true)
    expect(builder.npmRebuild).toBe(true)
    expect(builder.asarUnpack).toContain('**/*.node')
    expect(pkg.dependencies?.keytar).toBeDefined()
    // electron-builder refuses electron among the runtime dependencies.
    expect(pkg.dependencies?.electron).toBeUndefined()
    expect(pkg.devDependencies?.electron).toBeDefined()
  })

  it('has an icon of at least 512x512 pixels for every platform', () => {
    for (const platform of ['linux', 'win', 'mac'] as const) {
      const png = readFileSync(join(root, builder[platform].icon))
      expect(png.subarray(1, 4).toString()).toBe('PNG')
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512) // IHDR width
      expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512) // IHDR height
    }
  })

  it('ships the Linux autostart files, and the systemd unit restarts the till', () => {
    expect(builder.extraResources).toContainEqual({ from: 'resources/linux', to: 'linux' })
    const unit = read('resources/linux/btcpay-cashier.service')
    expect(unit).toMatch(/^Restart=always$/m)
    expect(unit).toMatch(/^ExecStart=.*btcpay-cashier" --kiosk$/m)
    expect(read('resources/linux/btcpay-cashier-autostart.desktop')).toMatch(/^Exec=.*--kiosk$/m)
  })
})

describe('fuses', () => {
  it('fuses.json is the table, and decides every fuse this @electron/fuses knows', () => {
    expect(JSON.parse(read('packaging/fuses.json'))).toEqual(fuseTable)
    const known = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)))
    expect(Object.keys(fuseTable).sort()).toEqual(known.sort())
  })

  it('the after-pack config is strict and re-signs macOS binaries', async () => {
    const { fuseConfig } = await loadHook()
    expect(fuseConfig('linux')).toMatchObject({ strictlyRequireAllFuses: true })
    expect(fuseConfig('darwin')).toMatchObject({ resetAdHocDarwinSignature: true })
  })

  const dirs: string[] = []
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

  /** A file laid out like an Electron binary around its fuse wire: sentinel, version 1, length, states. */
  function standInBinary(path: string) {
    const wire = Buffer.from([1, 9, ...Array<number>(9).fill(0x31)]) // every fuse ENABLE, as shipped
    const junk = Buffer.alloc(4096, 0xaa)
    writeFileSync(
      path,
      Buffer.concat([junk, Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), wire, junk]),
    )
  }

  it.each([
    ['linux', 'btcpay-cashier'],
    ['win32', 'BTCPay Cashier.exe'],
  ])('after-pack flips the fuses of the %s binary as the table says', async (platform, file) => {
    const dir = mkdtempSync(join(tmpdir(), 'fuses-'))
    dirs.push(dir)
    standInBinary(join(dir, file))
    const { default: afterPack } = await loadHook()
    await afterPack({
      appOutDir: dir,
      electronPlatformName: platform,
      packager: {
        appInfo: { productFilename: 'BTCPay Cashier' },
        executableName: 'btcpay-cashier',
      },
    })
    const wire = await getCurrentFuseWire(join(dir, file))
    const got = Object.fromEntries(
      Object.keys(fuseTable).map((name) => [
        name,
        wire[FuseV1Options[name as keyof typeof FuseV1Options]] === 0x31,
      ]),
    )
    expect(got).toEqual(fuseTable)
  })
})

describe('installer workflow', () => {
  const workflow = read('.github/workflows/installers.yml')
  it('builds on Linux, Windows and macOS runners, each for its own targets', () => {
    for (const [os, target] of [
      ['ubuntu-latest', '--linux'],
      ['windows-latest', '--win'],
      ['macos-latest', '--mac'],
    ]) {
      expect(workflow).toMatch(new RegExp(`- os: ${os}\\n\\s+target: ${target}\\n`))
    }
    expect(workflow).toContain('runs-on: ${{ matrix.os }}')
    expect(workflow).toContain('npx electron-builder ${{ matrix.target }} --publish never')
    expect(workflow).toContain('run: npm run build')
  })
})
