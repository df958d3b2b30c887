from django.urls import path

from . import bulletin_views, desk_views, item_views, outlet_views, report_views

app_name = "publishing"

urlpatterns = [
    path("", desk_views.desk, name="desk"),
    path("chon/", desk_views.choose, name="choose"),
    path("don-vi/<int:unit_pk>/kenh/", outlet_views.outlets, name="outlets"),
    path("kenh/<int:pk>/sua/", outlet_views.outlet_edit, name="outlet_edit"),
    path("bai/<int:pk>/", item_views.item_detail, name="item"),
    path("bai/<int:pk>/anh/", item_views.item_photos, name="item_photos"),
    path("bai/<int:pk>/anh/<int:photo_pk>/", item_views.item_photo, name="item_photo"),
    path("bai/<int:pk>/len-lich/", item_views.item_schedule, name="item_schedule"),
    path("bai/<int:pk>/da-dang/", item_views.item_publish_view, name="item_publish"),
    path("bai/<int:pk>/minh-chung/", item_views.item_evidence, name="item_evidence"),
    path("bai/<int:pk>/rut/", item_views.item_withdraw_view, name="item_withdraw"),
    path("bai/<int:pk>/<slug:step>/", item_views.item_step, name="item_step"),
    path("minh-chung/<int:pk>/", item_views.evidence_file, name="evidence_file"),
    path(
        "kenh/<int:outlet_pk>/ban-tin/moi/", bulletin_views.bulletin_create, name="bulletin_create"
    ),
    path("ban-tin/<int:pk>/", bulletin_views.bulletin_detail, name="bulletin"),
    path("ban-tin/<int:pk>/am-thanh/", bulletin_views.bulletin_audio, name="bulletin_audio"),
    path("ban-tin/<int:pk>/nghe/", bulletin_views.bulletin_listen, name="bulletin_listen"),
    path("ban-tin/<int:pk>/docx/", bulletin_views.bulletin_docx_view, name="bulletin_docx"),
    path("ban-tin/<int:pk>/phat/", bulletin_views.bulletin_broadcast, name="bulletin_broadcast"),
    path("bao-cao/", report_views.media_report, name="report"),
    path("bao-cao/xlsx/", report_views.media_report_xlsx, name="report_xlsx"),
]
