const allowed = new Set(['https://app.example.com']);

function corsMiddleware(req, res, next) {
  const origin = req.headers.origin;
  if (!origin || !allowed.has(origin)) return next();
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Vary', 'Origin');
  next();
}
module.exports = corsMiddleware;
