// The "allowCors" wrapper from Vercel's "How to enable CORS" guide, with the Origin echoed for cookies.
const allowCors = (fn) => async (req, res) => {
  res.setHeader('Access-Control-Allow-Credentials', true);
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin || '*'); // expect: origin-reflected, vary-origin-missing
  res.setHeader('Access-Control-Allow-Methods', 'GET,OPTIONS,PATCH,DELETE,POST,PUT');
  if (req.method === 'OPTIONS') {
    res.status(200).end();
    return;
  }
  return await fn(req, res);
};
module.exports = allowCors;
