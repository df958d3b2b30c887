from django.urls import path

from . import views

app_name = "system"

urlpatterns = [
    path("", views.status, name="status"),
    path("gui-lai-thu/", views.mail_requeue, name="mail_requeue"),
]
