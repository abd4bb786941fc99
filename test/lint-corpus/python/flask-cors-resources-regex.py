from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
CORS(
    app,
    resources={r"/api/*": {"origins": ["https://*.example.com", "https://partner.example.org"]}},  # expect: unescaped-dot-bypass
    supports_credentials=True,
)
