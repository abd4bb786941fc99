// Socket.IO's server CORS options are passed to the `cors` package, but through its own API: not linted.
const { Server } = require('socket.io');

const io = new Server(httpServer, { cors: { origin: 'https://app.example.com', credentials: true } });
