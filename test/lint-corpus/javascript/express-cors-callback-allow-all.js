const cors = require('cors');

const corsOptions = {
  credentials: true,
  origin: (origin, callback) => {
    // TODO: restrict before launch
    callback(null, true); // expect: origin-reflected
  },
};
app.use(cors(corsOptions));
