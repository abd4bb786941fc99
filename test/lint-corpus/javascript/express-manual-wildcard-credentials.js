app.use((req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', '*'); // expect: wildcard-with-credentials
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Access-Control-Allow-Methods', 'GET,POST,OPTIONS');
  next();
});
