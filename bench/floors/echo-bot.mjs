/**
 * Floor of the Teams bench: the plainest restify + botbuilder bot (the Bot Framework echo sample), no
 * authentication (like our server without MicrosoftAppId), replying through the connector at `serviceUrl`.
 * Plain JavaScript under `node`, as `npm start` runs ours. Env: PORT. Ready when GET /readyz answers 200.
 */
import process from 'node:process';
import restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

const auth = new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' });
const adapter = new CloudAdapter(auth);
const bot = new ActivityHandler();
bot.onMessage(async (context, next) => {
  await context.sendActivity(`Echo: ${context.activity.text}`);
  await next();
});

const server = restify.createServer();
server.get('/readyz', (_req, res, next) => {
  res.send(200, { ready: true });
  next();
});
server.post('/api/messages', restify.plugins.jsonBodyParser(), async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.listen(Number(process.env.PORT ?? 3978), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
