from django.urls import path

from . import dashboard_views as views

app_name = "dashboard"

urlpatterns = [
    path("", views.rollup, name="rollup"),
    path("chua-bao-cao/", views.missing, name="missing"),
    path("don-vi/<int:pk>/", views.unit_record, name="unit"),
    path("xuat.xlsx", views.export_xlsx, name="export"),
]
