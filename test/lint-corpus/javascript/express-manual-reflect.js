// The Stack Overflow answer to "No 'Access-Control-Allow-Origin' header ... when credentials mode is include".
app.use(function (req, res, next) {
  res.header('Access-Control-Allow-Origin', req.headers.origin); // expect: origin-reflected, vary-origin-missing
  res.header('Access-Control-Allow-Credentials', true);
  res.header('Access-Control-Allow-Headers', 'Origin, X-Requested-With, Content-Type, Accept');
  next();
});
