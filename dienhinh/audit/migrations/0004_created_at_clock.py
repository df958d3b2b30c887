import dienhinh.audit.models
from django.db import migrations, models


class Migration(migrations.Migration):
    """Python-side default only: no database change. Run as a plain AlterField, SQLite
    would rebuild the table and lose the append-only trigger of 0002."""

    dependencies = [
        ("audit", "0003_actor_protect"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditevent",
                    name="created_at",
                    field=models.DateTimeField(
                        db_index=True, default=dienhinh.audit.models._now, verbose_name="time"
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
