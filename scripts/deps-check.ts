// `npm run deps:check`: lists outdated and deprecated runtime packages (the app's dependencies
// and Electron itself). Exit 1 when a routine update is due (see exitCode); an unreachable
// registry is reported and exits 0, so an offline CI run does not fail on it.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { assess, exitCode, type Assessment } from './deps-check/assess'

const root = resolve(import.meta.dirname, '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
}
const runtime = [...Object.keys(pkg.dependencies), 'electron']
const registry = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim()

const installedVersion = (name: string) =>
  (
    JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
      version: string
    }
  ).version

async function getJson(url: string, accept = 'application/json'): Promise<Record<string, unknown>> {
  const response = await fetch(url, { headers: { accept }, signal: AbortSignal.timeout(15_000) })
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
  return (await response.json()) as Record<string, unknown>
}

async function check(name: string): Promise<Assessment> {
  const installed = installedVersion(name)
  const base = `${registry.replace(/\/$/, '')}/${name.replace('/', '%2f')}`
  const [all, one] = await Promise.all([
    getJson(base, 'application/vnd.npm.install-v1+json'),
    getJson(`${base}/${installed}`),
  ])
  return assess({
    name,
    installed,
    published: Object.keys((all.versions ?? {}) as object),
    deprecated: typeof one.deprecated === 'string' ? one.deprecated : null,
  })
}

let results: Assessment[]
try {
  results = await Promise.all(runtime.map(check))
} catch (err) {
  console.log(`deps:check could not ask the registry (${registry}): ${String(err)}`)
  console.log('Nothing was checked; exiting 0 so an offline run does not fail.')
  process.exit(0)
}

for (const a of results) {
  const notes = [
    a.deprecated && `DEPRECATED: ${a.deprecated}`,
    a.compatible && `update to ${a.compatible}`,
    a.nextMajor && `new major ${a.nextMajor} (read its breaking changes)`,
  ].filter(Boolean)
  console.log(`${a.name.padEnd(20)} ${a.installed.padEnd(10)} ${notes.join('; ') || 'current'}`)
}
const code = exitCode(results)
console.log(code === 0 ? '\nRuntime packages are current.' : '\nA routine update is due (above).')
process.exit(code)
