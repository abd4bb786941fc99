// The expressjs/cors README "configuring CORS asynchronously / per request" delegate.
const cors = require('cors');

const allowlist = ['https://example1.com', 'https://example2.com'];
const corsOptionsDelegate = function (req, callback) {
  let corsOptions;
  if (allowlist.indexOf(req.header('Origin')) !== -1) {
    corsOptions = { origin: true, credentials: true };
  } else {
    corsOptions = { origin: false };
  }
  callback(null, corsOptions);
};
app.get('/products/:id', cors(corsOptionsDelegate), (req, res) => res.json({}));
