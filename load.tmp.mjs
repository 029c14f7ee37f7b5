import autocannon from 'autocannon';
const [url, token, body, seconds] = process.argv.slice(2);
let n = 0;
const r = await autocannon({ url, connections: 50, duration: Number(seconds ?? 8), method: 'POST', body,
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  requests: [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'x-reference-id': `u-${process.pid}-${++n}` } }) }] });
console.log('rps', r.requests.average, 'non2xx', r.non2xx, 'errors', r.errors);
