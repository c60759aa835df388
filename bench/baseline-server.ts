// The baseline for live fan-out: a bare socket.io server (the hub's version, same defaults
// apart from what the hub sets: no served client, no CORS) that broadcasts on an HTTP
// request. No auth, no database, no Redis: what socket.io alone costs for the same clients
// and the same payload.
//   POST /broadcast  body = the notification payload  -> io.emit('notification', payload), 204
//   GET  /healthz    -> {"clients": n}
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.env.PORT ?? 3100);

const http = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/broadcast') {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let payload: unknown;
      try {
        payload = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400).end();
        return;
      }
      io.emit('notification', payload);
      res.writeHead(204).end();
    });
    return;
  }
  if (req.method === 'GET' && req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ clients: io.engine.clientsCount }));
    return;
  }
  res.writeHead(404).end();
});

const io = new Server(http, { serveClient: false, cors: { origin: false } });

http.listen(port, '127.0.0.1');

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    io.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
