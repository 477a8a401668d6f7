import { benchChargeLatency } from './bench/charge-latency'
import { table } from './bench/stats'
import { loadavg } from 'node:os'
console.log('load', loadavg()[0])
console.log(table(await benchChargeLatency(Number(process.argv[2] ?? 150))))
console.log('load', loadavg()[0])
