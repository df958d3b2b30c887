from django.urls import path

from . import album_views, export_views, views

app_name = "archive"

urlpatterns = [
    path("", album_views.album, name="album"),
    path("ky/<int:period_pk>/don-vi/<int:unit_pk>/", views.unit_period, name="unit_period"),
    path("ky/<int:period_pk>/don-vi/<int:unit_pk>/gui/", views.material_send, name="send"),
    path("<int:pk>/", views.material_detail, name="detail"),
    path("<int:pk>/tep/", views.material_file, name="file"),
    path("<int:pk>/anh-nho/", views.material_file, {"preview": True}, name="preview"),
    path("<int:pk>/rut/", views.material_withdraw, name="withdraw"),
    path("<int:pk>/dong-y/", views.material_consent, name="consent"),
    path("<int:pk>/chon-11-6/", album_views.favourite, name="favourite"),
    path("11-6/", export_views.collection_page, name="collection"),
    path("11-6/tao/", export_views.build, name="build"),
    path("11-6/ban/<int:pk>/", export_views.export_page, name="export"),
    path("11-6/tai/<str:token>/", export_views.download, name="download"),
]
