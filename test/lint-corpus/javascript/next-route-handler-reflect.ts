// app/api/profile/route.ts
export async function GET(request: Request) {
  const origin = request.headers.get('origin');
  return Response.json(
    { name: 'alice' },
    {
      headers: {
        'Access-Control-Allow-Origin': origin ?? '*', // expect: origin-reflected
        'Access-Control-Allow-Credentials': 'true',
        Vary: 'Origin',
      },
    },
  );
}
