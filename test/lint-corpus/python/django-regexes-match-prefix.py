# django-cors-headers applies these with re.match: anchored at the start, not at the end
CORS_ALLOW_CREDENTIALS = True
CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://app\.example\.com"]  # expect: prefix-match-bypass
