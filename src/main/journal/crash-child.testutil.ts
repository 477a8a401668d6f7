/**
 * TEST HELPER, run as a child process by journal-crash.test.ts and killed with SIGKILL at a
 * random moment. Records sales (and updates some) as fast as it can, three at a time, with real
 * fdatasync, and reports on stdout only what the journal has already confirmed:
 *   seq <n>               nextOrderId handed out n
 *   rec <id> <seq> <orderId>   record() resolved
 *   upd <id> <rev>        update() resolved
 */
import { writeSync } from 'node:fs'
import { createJournal } from './journal'
import { newSale } from './new-sale'

const dir = process.argv[2]
if (!dir) throw new Error('usage: crash-child.testutil.ts <dir>')
const say = (line: string): void => {
  writeSync(1, `${line}\n`)
}

const journal = createJournal({ dir })
await journal.load()
say('ready')
const recent: string[] = []

/** One charge as the till makes it: order id, sale recorded, then an update of a recent sale. */
async function charge(i: number): Promise<void> {
  const draft = await newSale(journal, 'T1', {
    createdAt: Date.now(),
    amountMinor: 100 + (i % 1000),
    currency: i % 2 ? 'USD' : 'JPY',
    description: i % 3 ? `Coffee "${i}", large\nwith milk` : null,
  })
  say(`seq ${draft.sequence}`)
  const sale = await journal.record(draft).durable
  say(`rec ${sale.id} ${sale.sequence} ${sale.orderId}`)
  recent.push(sale.id)
  if (recent.length > 5) recent.shift()
  // Update one of the last few sales, so updates and records interleave in the file.
  const target = recent[i % recent.length]
  if (target && i % 2 === 0) {
    const before = journal.get(target)
    const next =
      before?.status === 'creating'
        ? { status: 'new' as const, invoiceId: `inv-${target}` }
        : { status: 'paid' as const, cancelledAt: i }
    const updated = await journal.update(target, next)
    say(`upd ${updated.id} ${updated.rev}`)
  }
}

// Three charges at a time, so lines are written in groups (one fdatasync for several).
for (let i = 0; ; i += 3) await Promise.all([charge(i), charge(i + 1), charge(i + 2)])
