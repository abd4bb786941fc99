import { Hono } from 'hono';

const app = new Hono();
app.use('*', async (c, next) => {
  await next();
  c.header('Access-Control-Allow-Origin', c.req.header('Origin') ?? '*'); // expect: origin-reflected, vary-origin-missing
  c.header('Access-Control-Allow-Credentials', 'true');
});
export default app;
