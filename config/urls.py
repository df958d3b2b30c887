from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from dienhinh.accounts.views import home, language_switch
from dienhinh.publishing.sitemaps import SITEMAPS

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
    path("tuyen-truyen/", include("dienhinh.publishing.urls")),
    # The public portal and its feeds: no login (every view is marked login_not_required).
    path("cong-khai/", include("dienhinh.publishing.public_urls")),
    path(
        "sitemap.xml",
        login_not_required(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        login_not_required(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("tu-lieu/", include("dienhinh.archive.urls")),
    # The language switch is on the login page too, so it must work before logging in.
    path("i18n/setlang/", language_switch, name="set_language"),
    path("quan-tri/", admin.site.urls),
]
