// electron-builder's afterPack hook: flips the Electron fuses of the packed binary before it is
// signed and wrapped into AppImage, deb, NSIS or dmg. The fuse values live in fuses.json, which
// packaging.test.ts checks against the project's table.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses'

const wanted = JSON.parse(readFileSync(new URL('./fuses.json', import.meta.url), 'utf8'))

/** Fuse config for @electron/fuses; an unknown name in fuses.json stops the build. */
export function fuseConfig(platform) {
  const config = {
    version: FuseVersion.V1,
    // Every fuse this Electron has must be decided here: a new one fails the build until it is.
    strictlyRequireAllFuses: true,
    // Flipping fuses breaks the ad-hoc signature of arm64 macOS binaries; re-sign them.
    resetAdHocDarwinSignature: platform === 'darwin',
  }
  for (const [name, value] of Object.entries(wanted)) {
    const option = FuseV1Options[name]
    if (typeof option !== 'number') throw new Error(`fuses.json: unknown fuse ${name}`)
    config[option] = value
  }
  return config
}

/** The binary that carries the fuse wire, as electron-builder lays out each platform. */
export function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context
  const name = packager.appInfo.productFilename
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas')
    return join(appOutDir, `${name}.app`)
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`)
  return join(appOutDir, packager.executableName)
}

export default async function afterPack(context) {
  await flipFuses(electronBinary(context), fuseConfig(context.electronPlatformName))
}
