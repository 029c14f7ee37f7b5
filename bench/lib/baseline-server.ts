// The baseline: plain node:http answering a JSON body of a given size, no framework, no database.
import { createServer } from 'node:http';

const bytes = Number(process.env.BODY_BYTES ?? 200);
const body = JSON.stringify({ data: 'x'.repeat(Math.max(0, bytes - 11)) });
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : ''}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
