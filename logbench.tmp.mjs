import pino from 'pino';
const mode = process.argv[2];
const dest = mode === 'noop' ? { write() {} } : pino.destination({ dest: '/tmp/prof/logbench.out', sync: mode === 'sync', ...(process.argv[3]==='buffer'?{contentMode:'buffer'}:{}) });
const base = pino({ level: 'info' }, dest);
const log = process.argv[4] === 'child' ? base.child({}, { redact: [] }) : base;
const N = 200000;
const c0 = process.cpuUsage();
let i = 0;
await new Promise((resolve) => {
  const turn = () => {
    for (let k = 0; k < 50 && i < N; k++, i++) log.info({ route: '/flexiti/pos-api/v2.5/client-id/:client_id/customers/lookup', method: 'GET', status: 200, duration_ms: 1.234, client_id: 'flexitidemo', reference_id: 'bench-read' }, 'request answered');
    if (i < N) setImmediate(turn); else resolve();
  };
  turn();
});
dest.flushSync?.();
const c = process.cpuUsage(c0);
console.log(mode, process.argv[3] ?? '', 'cpu us/line', ((c.user + c.system) / N).toFixed(2));
