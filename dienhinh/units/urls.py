from django.urls import path

from . import views

app_name = "units"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/truc-thuoc/", views.children, name="children"),
    path("<int:pk>/them-don-vi/", views.create_child, name="create_child"),
    path("<int:pk>/thong-tin/", views.edit_details, name="edit_details"),
    path("<int:pk>/doi-ten/", views.rename, name="rename"),
    path("<int:pk>/chuyen/", views.move, name="move"),
    path("<int:pk>/giai-the/", views.dissolve, name="dissolve"),
    path("<int:pk>/sap-nhap/", views.merge, name="merge"),
    path("<int:pk>/chia-tach/", views.split, name="split"),
]
