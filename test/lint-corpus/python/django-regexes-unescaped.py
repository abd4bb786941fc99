# settings.py — "allow all our subdomains" from the django-cors-headers README, written in a hurry
CORS_ALLOW_CREDENTIALS = True
CORS_ALLOWED_ORIGIN_REGEXES = [
    r"^https://\w+\.example\.com$",
    r"https://.*example.com",  # expect: unescaped-dot-bypass
]
