import { Hono } from 'hono';
import { cors } from 'hono/cors';

const app = new Hono();
app.use(
  '/api/*',
  cors({
    origin: (origin) => (origin.endsWith('.example.com') ? origin : 'https://example.com'), // expect: subdomain-trusted, insecure-scheme-trusted
    credentials: true,
  }),
);
export default app;
