from django.contrib import admin
from django.urls import include, path

from dienhinh.accounts.views import home

urlpatterns = [
    path("", home, name="home"),
    path("tai-khoan/", include("dienhinh.accounts.urls")),
    path("don-vi/", include("dienhinh.units.urls")),
    path("nhat-ky/", include("dienhinh.audit.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
]
