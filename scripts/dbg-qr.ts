import { benchEnterToQr } from './bench/enter-to-qr'
import { table } from './bench/stats'
import { loadavg } from 'node:os'
console.log('load', loadavg()[0])
console.log(table(await benchEnterToQr(Number(process.argv[2] ?? 60))))
console.log('load', loadavg()[0])
