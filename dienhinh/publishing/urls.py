from django.urls import path

from . import desk_views

app_name = "publishing"

urlpatterns = [
    path("", desk_views.desk, name="desk"),
]
