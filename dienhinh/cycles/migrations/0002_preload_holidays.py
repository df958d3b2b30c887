from django.db import migrations


def preload(apps, schema_editor):
    from dienhinh.cycles.holidays_vn import all_preloaded

    Holiday = apps.get_model("cycles", "Holiday")
    existing = set(Holiday.objects.values_list("date", flat=True))
    Holiday.objects.bulk_create(
        Holiday(date=day, name=name) for day, name in all_preloaded() if day not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("cycles", "0001_initial")]

    operations = [migrations.RunPython(preload, migrations.RunPython.noop)]
