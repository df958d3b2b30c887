from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from dienhinh.accounts.views import home

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
    path("tu-lieu/", include("dienhinh.archive.urls")),
    # The language switch is on the login page too, so it must work before logging in.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("quan-tri/", admin.site.urls),
]
