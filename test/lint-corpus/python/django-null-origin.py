# the mobile WebView loads file:// pages, which send "Origin: null"
CORS_ALLOW_CREDENTIALS = True
CORS_ORIGIN_WHITELIST = ("https://app.example.com", "null")  # expect: null-origin-allowed
