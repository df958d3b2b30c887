from django.urls import path

from . import views

app_name = "dispatches"

urlpatterns = [
    path("", views.registry, name="registry"),
    path("tai-len/", views.upload, name="upload"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/kiem-tra/", views.review, name="review"),
    path("<int:pk>/dang-doc/", views.reading_status, name="reading_status"),
    path("<int:pk>/trang/<int:number>/", views.page_image, name="page_image"),
    path("<int:pk>/sua-van-ban/", views.correct_text, name="correct_text"),
    path("<int:pk>/chuong-trinh/", views.programme, name="programme"),
    path("<int:pk>/ban-goc/", views.original, name="original"),
    path("<int:pk>/huy/", views.discard, name="discard"),
]
