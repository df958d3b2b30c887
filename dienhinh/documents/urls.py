from django.urls import path, re_path

from . import settings_views, views

app_name = "documents"

SOURCE = r"(?P<source>danh-sach|cong-van|ho-so)/(?P<pk>[0-9]+)"
KIND = r"(?P<kind>[a-z-]{1,20})"

urlpatterns = [
    re_path(rf"^{SOURCE}/$", views.source_page, name="source"),
    re_path(rf"^{SOURCE}/{KIND}/word/$", views.word, name="word"),
    re_path(rf"^{SOURCE}/{KIND}/pdf/$", views.pdf, name="pdf"),
    re_path(rf"^{SOURCE}/{KIND}/pdf/tai/$", views.pdf_file, name="pdf_file"),
    re_path(rf"^{SOURCE}/ban-da-ky/$", views.signed_upload, name="signed_upload"),
    path("ban-da-ky/<int:pk>/", views.signed_file, name="signed_file"),
    path("ky/<int:period_pk>/danh-sach.xlsx", views.period_xlsx, name="period_xlsx"),
    path("don-vi/<int:pk>/", settings_views.settings_page, name="settings"),
    path("don-vi/<int:pk>/mau/", settings_views.template_upload, name="template_upload"),
    path("don-vi/<int:pk>/mau/mac-dinh/", settings_views.template_reset, name="template_reset"),
    path("don-vi/<int:pk>/mau/<str:name>.docx", settings_views.template_file, name="template_file"),
]
