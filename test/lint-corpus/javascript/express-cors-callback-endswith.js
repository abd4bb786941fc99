const cors = require('cors');

app.use(
  cors({
    credentials: true,
    origin(origin, callback) {
      if (!origin) return callback(null, true);
      if (origin.endsWith('example.com')) return callback(null, true); // expect: suffix-match-bypass, insecure-scheme-trusted
      return callback(new Error('CORS'));
    },
  }),
);
