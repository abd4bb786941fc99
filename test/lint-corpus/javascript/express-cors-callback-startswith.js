const cors = require('cors');

const options = {
  origin: (origin, cb) => {
    if (origin && origin.startsWith('https://app.example.com')) { // expect: prefix-match-bypass
      cb(null, true);
    } else {
      cb(null, false);
    }
  },
  credentials: true,
};
app.use('/api', cors(options));
