# the "(www|api)" alternation without a closing $: re.match accepts https://api.example.com.attacker.tld
import re

from flask import Flask, request

app = Flask(__name__)
ALLOWED_ORIGIN = re.compile(r"https://(www|api)\.example\.com")  # expect: prefix-match-bypass


@app.after_request
def add_cors_headers(response):
    origin = request.headers.get("Origin", "")
    if ALLOWED_ORIGIN.match(origin):
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Credentials"] = "true"
        response.headers.add("Vary", "Origin")
    return response
