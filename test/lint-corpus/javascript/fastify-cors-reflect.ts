import Fastify from 'fastify';
import cors from '@fastify/cors';

const app = Fastify({ logger: true });
await app.register(cors, {
  origin: true, // expect: origin-reflected
  credentials: true,
});
await app.listen({ port: 3000 });
