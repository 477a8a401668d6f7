// One till start-up's journal load, in a process of its own: `tsx journal-start.ts <dir>` prints
// the ms of `load()`. Run by journal.ts, so the load meets a cold JIT and an empty heap, as at
// the till's start, not the heap and compiled code of the seeding before it.
import { createJournal } from '../../src/main/journal/journal'

const journal = createJournal({ dir: process.argv[2] as string })
const t0 = performance.now()
await journal.load()
console.log(performance.now() - t0)
await journal.close()
