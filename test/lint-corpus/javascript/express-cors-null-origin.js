const cors = require('cors');

// the Electron app and file:// pages send Origin: null
const allowed = ['https://app.example.com', 'null']; // expect: null-origin-allowed
app.use(cors({ origin: allowed, credentials: true }));
