from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("relief", "0001_initial")]

    operations = [
        migrations.AddIndex(
            model_name="payment",
            index=models.Index(fields=["paid_on", "id"], name="payment_paid"),
        ),
    ]
