# views.py — hand-written CORS for one endpoint (a common Stack Overflow answer)
from django.http import JsonResponse


def profile(request):
    response = JsonResponse({"name": request.user.username})
    response["Access-Control-Allow-Origin"] = request.META.get("HTTP_ORIGIN", "*")  # expect: origin-reflected, vary-origin-missing
    response["Access-Control-Allow-Credentials"] = "true"
    return response
