// `tsx scripts/write-icon-png.ts`: renders resources/icon.svg to resources/icon.png (1024x1024,
// transparent corners), the one icon electron-builder turns into .ico, .icns and Linux sizes.
// Drawn by the same Debian Chromium the end-to-end tests use; run it again after editing the SVG.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { chromium } from '@playwright/test'

const SIZE = 1024
const root = resolve(import.meta.dirname, '..')
const svg = readFileSync(resolve(root, 'resources/icon.svg'), 'utf8').replace(
  '<svg ',
  `<svg width="${SIZE}" height="${SIZE}" `,
)
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
})
const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } })
await page.setContent(`<body style="margin:0;background:transparent">${svg}</body>`)
await page.screenshot({ path: resolve(root, 'resources/icon.png'), omitBackground: true })
await browser.close()
console.log('Wrote resources/icon.png')
