import { Hono } from 'hono';
import { cors } from 'hono/cors';

const app = new Hono();
app.use('/api/*', cors({ origin: ['https://example.com', 'https://www.example.com'], credentials: true, maxAge: 600 }));
export default app;
