const cors = require('cors');

const blocked = ['https://evil.example'];
const corsOptionsDelegate = (req, callback) => {
  if (blocked.includes(req.header('Origin'))) {
    callback(null, { origin: false });
  } else {
    callback(null, { origin: true, credentials: true }); // expect: origin-reflected
  }
};
app.use(cors(corsOptionsDelegate));
