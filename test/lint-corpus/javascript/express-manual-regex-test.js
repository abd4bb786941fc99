const ORIGIN_RE = /^https?:\/\/([a-z0-9-]+\.)*example\.com$/; // expect: insecure-scheme-trusted, subdomain-trusted

app.use((req, res, next) => {
  const origin = req.headers.origin;
  if (ORIGIN_RE.test(origin)) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
  }
  next();
});
