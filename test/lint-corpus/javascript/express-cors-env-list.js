const cors = require('cors');

const origins = (process.env.CORS_ORIGINS || '').split(',').map((o) => o.trim());
app.use(cors({ origin: origins, credentials: true }));
