/** What `npm run deps:check` says about one runtime package, from the registry's answers. */
export type Assessment = {
  name: string
  installed: string
  /** Newest release with the same major version (a compatible upgrade), if newer than installed. */
  compatible: string | null
  /** Newest release of a later major version (a deliberate upgrade: read its breaking changes). */
  nextMajor: string | null
  /** The registry's deprecation notice for the installed version. */
  deprecated: string | null
}

type Version = [number, number, number]

function parse(v: string): Version | null {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(v) // pre-releases are never suggested
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null
}
const newer = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]

export function assess(opts: {
  name: string
  installed: string
  published: string[]
  deprecated?: string | null
}): Assessment {
  const current = parse(opts.installed)
  const releases = opts.published
    .map((v) => ({ v, p: parse(v) }))
    .filter((r): r is { v: string; p: Version } => r.p !== null)
    .sort((a, b) => newer(b.p, a.p))
  const ahead = current ? releases.filter((r) => newer(r.p, current) > 0) : []
  return {
    name: opts.name,
    installed: opts.installed,
    compatible: ahead.find((r) => r.p[0] === current?.[0])?.v ?? null,
    nextMajor: ahead.find((r) => r.p[0] !== current?.[0])?.v ?? null,
    deprecated: opts.deprecated ?? null,
  }
}

/**
 * The exit code: 1 when a runtime package is deprecated or has a compatible release we have not
 * taken (both are fixed by a routine update), 0 otherwise. A new major version is reported but
 * does not fail: it needs a decision, not a routine bump.
 */
export function exitCode(all: Assessment[]): 0 | 1 {
  return all.some((a) => a.deprecated !== null || a.compatible !== null) ? 1 : 0
}
