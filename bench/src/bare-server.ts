/**
 * The baseline server for HTTP benchmarks: bare Fastify in its own process, answering like Gerel's
 * route would (`BARE=events`: parse the JSON body, answer {accepted, duplicates}; `BARE=page`: a
 * fixed HTML body from BARE_FILE). Prints its port on stdout.
 */
import fs from 'node:fs';
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
if (process.env.BARE === 'page') {
  const html = fs.readFileSync(process.env.BARE_FILE!);
  app.get('/page', async (_req, reply) => reply.type('text/html; charset=utf-8').send(html));
} else {
  app.post('/api/events', async (req) => ({ accepted: (req.body as { events: unknown[] }).events.length, duplicates: 0 }));
}
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log(`PORT ${(app.server.address() as { port: number }).port}`);
