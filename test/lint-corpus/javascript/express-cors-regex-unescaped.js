const cors = require('cors');

app.use(
  cors({
    origin: [/^https:\/\/app.example\.com$/, 'https://admin.example.com'], // expect: unescaped-dot-bypass
    credentials: true,
  }),
);
