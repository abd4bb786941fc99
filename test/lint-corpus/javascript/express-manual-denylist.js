const BLOCKED = ['https://evil.example'];

app.use((req, res, next) => {
  const origin = req.headers.origin;
  if (!BLOCKED.includes(origin)) {
    res.setHeader('Access-Control-Allow-Origin', origin); // expect: origin-reflected, vary-origin-missing
    res.setHeader('Access-Control-Allow-Credentials', 'true');
  }
  next();
});
