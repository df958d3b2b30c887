from django.urls import path

from . import views

app_name = "cycles"

urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("tao-moi/", views.programme_create, name="programme_create"),
    path("<int:pk>/", views.programme_detail, name="programme_detail"),
    path("<int:pk>/don-vi-bao-cao/", views.programme_expected_edit, name="expected_edit"),
    path("ngay-nghi/", views.holidays, name="holidays"),
    path("ngay-nghi/<int:pk>/xoa/", views.holiday_remove, name="holiday_remove"),
]
