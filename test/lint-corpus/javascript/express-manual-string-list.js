// One env var holding every origin, checked with indexOf on the string.
const ALLOWED = 'https://app.example.com,https://admin.example.com';

app.use((req, res, next) => {
  const origin = req.headers.origin;
  if (ALLOWED.indexOf(origin) !== -1) { // expect: substring-match-bypass
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
  }
  next();
});
