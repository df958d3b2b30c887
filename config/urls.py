from django.contrib import admin
from django.urls import include, path

from dienhinh.accounts.views import home, language_switch

urlpatterns = [
    path("", home, name="home"),
    path("tai-khoan/", include("dienhinh.accounts.urls")),
    path("don-vi/", include("dienhinh.units.urls")),
    path("nhat-ky/", include("dienhinh.audit.urls")),
    path("chuong-trinh/", include("dienhinh.cycles.urls")),
    path("tong-hop/", include("dienhinh.cycles.dashboard_urls")),
    path("ho-so/", include("dienhinh.nominations.urls")),
    path("thong-bao/", include("dienhinh.notices.urls")),
    path("cong-van/", include("dienhinh.dispatches.urls")),
    path("van-ban/", include("dienhinh.documents.urls")),
    path("he-thong/", include("dienhinh.system.urls")),
    # The language switch is on the login page too, so it must work before logging in.
    path("i18n/setlang/", language_switch, name="set_language"),
    path("quan-tri/", admin.site.urls),
]
