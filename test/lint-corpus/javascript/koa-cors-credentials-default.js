const Koa = require('koa');
const cors = require('@koa/cors');

const app = new Koa();
app.use(cors({ credentials: true })); // expect: origin-reflected
app.listen(3000);
