from django.db import migrations

INDUSTRIES = [
    "汽车制造", "钢铁", "机械制造", "电力", "茶业", "手工艺", "道路货运",
    "快递物流", "商贸", "建筑", "环卫", "园林", "餐饮", "其他",
]


def add_industries(apps, schema_editor):
    Industry = apps.get_model("members", "Industry")
    for name in INDUSTRIES:
        Industry.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]
    operations = [migrations.RunPython(add_industries, migrations.RunPython.noop)]
