module.exports = () => async (ctx, next) => {
  ctx.set('Access-Control-Allow-Origin', ctx.request.header.origin || '*'); // expect: origin-reflected, vary-origin-missing
  ctx.set('Access-Control-Allow-Credentials', true);
  await next();
};
