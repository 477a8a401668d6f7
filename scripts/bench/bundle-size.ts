import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Row } from './stats'

/** Gzipped size of the renderer's JavaScript as built (`npm run build` first). */
export function benchBundleSize(rendererDir: string): Row[] {
  const assets = join(rendererDir, 'assets')
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'))
  const raw = js.reduce((sum, f) => sum + readFileSync(join(assets, f)).length, 0)
  const gz = js.reduce(
    (sum, f) => sum + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length,
    0,
  )
  return [
    {
      measure: 'Renderer JS, gzipped (raw)',
      value: `${(gz / 1024).toFixed(1)} KB (${(raw / 1024).toFixed(1)} KB)`,
      target: '<= 300 KB',
      ok: gz <= 300 * 1024,
    },
  ]
}
