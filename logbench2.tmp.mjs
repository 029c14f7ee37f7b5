import pino from 'pino';
import { openSync, writeSync } from 'node:fs';
const mode = process.argv[2];
function turnBatched(fd) {
  let lines = [];
  const flush = () => { const text = lines.join(''); lines = []; writeSync(fd, text); };
  return { write(line) { if (lines.push(line) === 1) setImmediate(flush); } };
}
const fd = openSync('/tmp/prof/logbench2.out', 'w');
const dest = mode === 'turn' ? turnBatched(fd) : pino.destination({ dest: fd, sync: true, minLength: 4096 });
const log = pino({ level: 'info' }, dest).child({}, { redact: [] });
const N = 200000, PER = Number(process.argv[3] ?? 50);
const c0 = process.cpuUsage();
let i = 0;
await new Promise((resolve) => {
  const turn = () => {
    for (let k = 0; k < PER && i < N; k++, i++) log.info({ route: '/flexiti/pos-api/v2.5/client-id/:client_id/customers/lookup', method: 'GET', status: 200, duration_ms: 1.234, client_id: 'flexitidemo', reference_id: 'bench-read' }, 'request answered');
    if (i < N) setImmediate(turn); else setImmediate(resolve);
  };
  turn();
});
dest.flushSync?.();
const c = process.cpuUsage(c0);
console.log(mode, PER, 'cpu us/line', ((c.user + c.system) / N).toFixed(2));
