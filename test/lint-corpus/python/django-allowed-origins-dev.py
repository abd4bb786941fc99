# settings.py shared by dev and prod
CORS_ALLOW_CREDENTIALS = True
CORS_ALLOWED_ORIGINS = [
    "https://app.example.com",
    "http://localhost:3000",  # expect: localhost-trusted
    "http://127.0.0.1:3000",  # expect: localhost-trusted
    "http://app.example.com",  # expect: insecure-scheme-trusted
]
