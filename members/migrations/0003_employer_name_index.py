from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("members", "0002_industries")]

    operations = [
        migrations.AddIndex(
            model_name="employer",
            index=models.Index(fields=["name", "id"], name="employer_name"),
        ),
    ]
