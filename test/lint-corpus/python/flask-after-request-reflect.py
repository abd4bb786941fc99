# The "add CORS headers in after_request" Flask snippet, echoing the Origin so cookies work
from flask import Flask, request

app = Flask(__name__)


@app.after_request
def add_cors_headers(response):
    origin = request.headers.get("Origin")
    response.headers["Access-Control-Allow-Origin"] = origin  # expect: origin-reflected, vary-origin-missing
    response.headers["Access-Control-Allow-Credentials"] = "true"
    response.headers["Access-Control-Allow-Headers"] = "Content-Type,Authorization"
    return response
