import { resolve } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// Proves the process-boundary rules in eslint.config.js fire, so a refactor of the config cannot
// silently drop them.
const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '..') })

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message)
}

describe('process boundaries', () => {
  it.each([
    [
      'src/shared/x.ts',
      "import { readFileSync } from 'node:fs'\nexport const f = readFileSync",
      'no-restricted-imports',
    ],
    [
      'src/shared/x.ts',
      "import { app } from 'electron'\nexport const a = app",
      'no-restricted-imports',
    ],
    ['src/shared/x.ts', 'export const w = window.location', 'no-restricted-globals'],
    [
      'src/renderer/src/x.ts',
      "import { ipcRenderer } from 'electron'\nexport const i = ipcRenderer",
      'no-restricted-imports',
    ],
    [
      'src/renderer/src/x.ts',
      "import { join } from 'node:path'\nexport const j = join",
      'no-restricted-imports',
    ],
    ['src/renderer/src/x.ts', 'export const p = window.pos', 'no-restricted-properties'],
    [
      'src/main/core/x.ts',
      "import { app } from 'electron'\nexport const a = app",
      'no-restricted-imports',
    ],
    [
      'src/main/electron/window2.ts',
      "import { ipcMain } from 'electron'\nexport const i = ipcMain",
      'no-restricted-imports',
    ],
    [
      'src/host/x.ts',
      "import { app } from 'electron'\nexport const a = app",
      'no-restricted-imports',
    ],
    [
      'src/preload/x.ts',
      "import { shell } from 'electron'\nexport const s = shell",
      'no-restricted-syntax',
    ],
    [
      'src/preload/x.ts',
      "import { readFileSync } from 'node:fs'\nexport const r = readFileSync",
      'no-restricted-imports',
    ],
  ])('%s: %s is refused', async (file, code, rule) => {
    expect(await ruleIds(file, code)).toContain(rule)
  })

  it.each([
    ['src/renderer/src/bridge.ts', 'export const p = window.pos'],
    [
      'src/main/electron/ipc-main.ts',
      "import { ipcMain } from 'electron'\nexport const i = ipcMain",
    ],
    ['src/main/index.ts', "import { app } from 'electron'\nexport const a = app"],
    [
      'src/preload/x.ts',
      "import { contextBridge, ipcRenderer } from 'electron'\nexport const c = [contextBridge, ipcRenderer]",
    ],
  ])('%s may do what its layer is for', async (file, code) => {
    const ids = await ruleIds(file, code)
    expect(ids.filter((id) => id.startsWith('no-restricted'))).toEqual([])
  })
})
