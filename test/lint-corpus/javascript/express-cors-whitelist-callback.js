// The expressjs/cors README "dynamic origin" example.
const express = require('express');
const cors = require('cors');

const app = express();
const whitelist = ['https://example1.com', 'https://example2.com'];
const corsOptions = {
  origin: function (origin, callback) {
    if (whitelist.indexOf(origin) !== -1 || !origin) {
      callback(null, true);
    } else {
      callback(new Error('Not allowed by CORS'));
    }
  },
  credentials: true,
};
app.use(cors(corsOptions));
