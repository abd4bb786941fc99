import { createServer } from 'node:http';

createServer((req, res) => {
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Access-Control-Allow-Origin': req.headers['origin'], // expect: origin-reflected, vary-origin-missing
    'Access-Control-Allow-Credentials': 'true',
  });
  res.end(JSON.stringify({ user: 'alice' }));
}).listen(8080);
