// app/api/data/route.ts
export async function GET(request: Request) {
  const origin = request.headers.get('origin') ?? '';
  const headers = new Headers({ Vary: 'Origin' });
  if (new URL(origin).hostname.endsWith('example.com')) { // expect: suffix-match-bypass, insecure-scheme-trusted
    headers.set('Access-Control-Allow-Origin', origin);
    headers.set('Access-Control-Allow-Credentials', 'true');
  }
  return new Response('{}', { headers });
}
