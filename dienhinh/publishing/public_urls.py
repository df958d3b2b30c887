from django.urls import path

from . import feeds, public_views

app_name = "portal"

urlpatterns = [
    path("", public_views.home, name="home"),
    path("don-vi/<int:pk>/", public_views.unit_page, name="unit"),
    path("don-vi/<int:pk>/rss.xml", feeds.unit_feed, {"fmt": "rss"}, name="unit_rss"),
    path("don-vi/<int:pk>/atom.xml", feeds.unit_feed, {"fmt": "atom"}, name="unit_atom"),
    path("kenh/<int:pk>/rss.xml", feeds.outlet_feed, {"fmt": "rss"}, name="outlet_rss"),
    path("kenh/<int:pk>/atom.xml", feeds.outlet_feed, {"fmt": "atom"}, name="outlet_atom"),
    path("guong/<int:pk>/", public_views.story_page, name="story_short"),
    path("guong/<int:pk>/<slug:slug>/", public_views.story_page, name="story"),
    path("anh/<int:pk>/", public_views.photo, name="photo"),
    path("anh/<int:pk>/nho/", public_views.photo, {"thumbnail": True}, name="photo_thumbnail"),
    path("nhung/<int:pk>/", public_views.embed, name="embed"),
    path("nhung/<int:pk>.js", public_views.embed_script, name="embed_script"),
]
