// A public, cookie-less API: cors() answers `*`, which is fine here (info only).
const express = require('express');
const cors = require('cors');

const app = express();
app.use(cors());
app.get('/v1/status', (req, res) => res.json({ ok: true }));
