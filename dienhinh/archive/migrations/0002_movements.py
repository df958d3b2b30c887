"""The nationwide emulation movements most material belongs to, offered in the forms from
the start; boards add their own in the admin."""

from django.db import migrations

MOVEMENTS = [
    "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
    "Cả nước thi đua xây dựng nông thôn mới",
    "Toàn dân đoàn kết xây dựng đời sống văn hóa",
    "Toàn dân bảo vệ an ninh Tổ quốc",
    "Doanh nghiệp Việt Nam hội nhập và phát triển",
    "Thi đua đổi mới, sáng tạo trong quản lý, sản xuất, kinh doanh",
    "Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời",
    "Thi đua thực hiện chuyển đổi số",
    "Thi đua đặc biệt, theo đợt, chuyên đề",
]


def add(apps, schema_editor):
    Movement = apps.get_model("archive", "Movement")
    for name in MOVEMENTS:
        Movement.objects.get_or_create(name=name)


def remove(apps, schema_editor):
    apps.get_model("archive", "Movement").objects.filter(name__in=MOVEMENTS).delete()


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]
