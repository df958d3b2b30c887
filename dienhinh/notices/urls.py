from django.urls import path

from . import views

app_name = "notices"

urlpatterns = [
    path("", views.notice_list, name="list"),
    path("<int:pk>/", views.notice_open, name="open"),
    path("da-doc-het/", views.notice_mark_all_read, name="mark_all_read"),
]
