const ALLOWED_ORIGINS = new Set(['https://app.example.com', 'https://admin.example.com']);

app.use((req, res, next) => {
  const origin = req.get('origin');
  if (ALLOWED_ORIGINS.has(origin)) {
    res.set('Access-Control-Allow-Origin', origin); // expect: vary-origin-missing
  }
  next();
});
