const express = require('express');
const cors = require('cors');

const app = express();
app.use(
  cors({
    origin: '*', // expect: wildcard-with-credentials
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
  }),
);
module.exports = app;
