app.use((req, res, next) => {
  const origin = req.headers.origin;
  if (origin && origin.indexOf('example.com') > -1) { // expect: substring-match-bypass, insecure-scheme-trusted
    res.header('Access-Control-Allow-Origin', origin);
    res.header('Access-Control-Allow-Credentials', 'true');
    res.vary('Origin');
  }
  next();
});
