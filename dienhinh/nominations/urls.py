from django.urls import path

from . import award_views, batch_views, publicity_views, views

app_name = "nominations"

urlpatterns = [
    path("duyet/", views.review, name="review"),
    path("tong-hop/<int:period_pk>/", batch_views.compile_period, name="compile"),
    path("danh-sach/<int:pk>/", batch_views.received_batch, name="received_batch"),
    path("danh-sach/muc/<int:pk>/", batch_views.batch_item_decide, name="batch_item_decide"),
    path("ky/<int:period_pk>/don-vi/<int:unit_pk>/", views.unit_period, name="unit_period"),
    path("ky/<int:period_pk>/don-vi/<int:unit_pk>/them/", views.nomination_create, name="create"),
    path("ky/<int:period_pk>/don-vi/<int:unit_pk>/khong-co/", views.nil_report, name="nil"),
    path("<int:pk>/", views.nomination_detail, name="detail"),
    path("<int:pk>/tep/", views.attachment_upload, name="attachment_upload"),
    path("tep/<int:pk>/", views.attachment_file, name="attachment_file"),
    path(
        "tep/<int:pk>/anh-nho/",
        views.attachment_file,
        {"thumbnail": True},
        name="attachment_thumbnail",
    ),
    path("tep/<int:pk>/xoa/", views.attachment_delete, name="attachment_delete"),
    path("<int:pk>/sua/", views.nomination_edit, name="edit"),
    path("<int:pk>/tra-lai/", views.nomination_return, name="return"),
    path("<int:pk>/dong-y/", publicity_views.consent_save, name="consent"),
    path("<int:pk>/rut-dong-y/", publicity_views.consent_withdraw, name="consent_withdraw"),
    path("<int:pk>/khen-thuong/", award_views.award_create, name="award_create"),
    path("khen-thuong/<int:pk>/xoa/", award_views.award_delete, name="award_delete"),
    path(
        "tong-hop/<int:period_pk>/ngoai-le/<int:unit_pk>/",
        award_views.late_exception,
        name="late_exception",
    ),
    path("<int:pk>/chon-dang/", publicity_views.media_select, name="media_select"),
    path("<int:pk>/trung/<int:other_pk>/", publicity_views.duplicate_link, name="duplicate_link"),
    path("<int:pk>/<slug:step>/", views.nomination_step, name="step"),
]
