# app.py — flask-cors quickstart plus cookies: origins defaults to "*", answered with the request's Origin
from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
CORS(app, supports_credentials=True)  # expect: origin-reflected
