const Koa = require('koa');
const cors = require('@koa/cors');

const ALLOWED = new Set(['https://app.example.com', 'https://admin.example.com']);
const app = new Koa();
app.use(
  cors({
    origin: (ctx) => {
      const origin = ctx.get('Origin');
      return ALLOWED.has(origin) ? origin : '';
    },
    credentials: true,
  }),
);
