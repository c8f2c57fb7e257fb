/**
 * Floor of the start-up bench: a bare restify server that answers GET /readyz (nothing else loaded).
 * Plain JavaScript under `node`. Env: PORT.
 */
import process from 'node:process';
import restify from 'restify';

const server = restify.createServer();
server.get('/readyz', (_req, res, next) => {
  res.send(200, { ready: true });
  next();
});
server.listen(Number(process.env.PORT ?? 3978), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
