const cors = require('cors');

// all our subdomains, and the local dev server
app.use(
  cors({
    origin: [
      /\.example\.com$/, // expect: subdomain-trusted, insecure-scheme-trusted
      'http://localhost:3000', // expect: localhost-trusted
    ],
    credentials: true,
  }),
);
