import Fastify from 'fastify';
import fastifyCors from '@fastify/cors';

const app = Fastify();
app.register(fastifyCors, {
  origin: [/example\.com$/, 'https://app.example.org'], // expect: suffix-match-bypass, insecure-scheme-trusted
  credentials: true,
});
