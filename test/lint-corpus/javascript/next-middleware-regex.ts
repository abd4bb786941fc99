import { type NextRequest, NextResponse } from 'next/server';

export function middleware(request: NextRequest) {
  const origin = request.headers.get('origin') ?? '';
  const ok = /^https:\/\/(www|app)\.example\.com/.test(origin); // expect: prefix-match-bypass
  const response = NextResponse.next();
  response.headers.set('Access-Control-Allow-Origin', ok ? origin : 'https://www.example.com');
  response.headers.set('Access-Control-Allow-Credentials', 'true');
  response.headers.set('Vary', 'Origin');
  return response;
}
