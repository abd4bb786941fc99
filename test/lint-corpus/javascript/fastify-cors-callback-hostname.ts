// The @fastify/cors README example of an origin function, kept as written.
import Fastify from 'fastify';
import cors from '@fastify/cors';

const fastify = Fastify();
await fastify.register(cors, {
  origin: (origin, cb) => {
    const hostname = new URL(origin as string).hostname;
    if (hostname === 'localhost') { // expect: localhost-trusted
      cb(null, true);
      return;
    }
    cb(new Error('Not allowed'), false);
  },
  credentials: true,
});
