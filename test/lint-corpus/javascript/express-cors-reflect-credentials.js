const express = require('express');
const cors = require('cors');

const app = express();
// "fixes" the CORS error for the SPA on any port
app.use(cors({ origin: true, credentials: true })); // expect: origin-reflected
app.get('/api/me', (req, res) => res.json(req.user));
app.listen(3000);
