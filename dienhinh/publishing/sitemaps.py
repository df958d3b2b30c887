"""sitemap.xml of the public portal: every public story and the pages of the units that
have some, split into pages of 10,000 addresses under a sitemap index."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from dienhinh.units.models import Unit

from .models import PublicStory
from .public_views import story_url


class StorySitemap(Sitemap):
    limit = 10_000
    changefreq = "monthly"

    def items(self):
        return PublicStory.objects.only("nomination_id", "slug", "updated_at").order_by("pk")

    def location(self, story):
        return story_url(story)

    def lastmod(self, story):
        return story.updated_at


class UnitSitemap(Sitemap):
    limit = 10_000
    changefreq = "weekly"

    def items(self):
        with_stories = PublicStory.objects.values("unit_id")
        return Unit.objects.filter(pk__in=with_stories).only("pk").order_by("pk")

    def location(self, unit):
        return reverse("portal:unit", args=[unit.pk])


SITEMAPS = {"guong": StorySitemap, "don-vi": UnitSitemap}
