const cors = require('cors');

app.use(
  cors({
    origin: [/^https:\/\/(app|admin)\.example\.com$/, 'https://partner.example.org'],
    credentials: true,
  }),
);
