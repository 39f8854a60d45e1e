"""A card carries its member's organization, kept equal to it by the database.

The card list and the report count a subtree's cards; through the member that is a join with a
million members (a district's first page took a second at city scale). The copy is never set by
the application: a trigger fills it on every insert of a card or change of its member (forms,
services, the import's COPY, bulk writes alike) and another moves a member's cards with the
member when the member's organization changes."""

import django.db.models.deletion
from django.db import migrations, models

CARD_FUNCTION = """
CREATE OR REPLACE FUNCTION perks_card_takes_member_org() RETURNS trigger AS $$
BEGIN
    SELECT organization_id INTO NEW.organization_id FROM members_member WHERE id = NEW.member_id;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER perks_card_takes_member_org
    BEFORE INSERT OR UPDATE OF member_id, organization_id ON perks_membercard
    FOR EACH ROW EXECUTE FUNCTION perks_card_takes_member_org();

CREATE OR REPLACE FUNCTION perks_cards_follow_member() RETURNS trigger AS $$
BEGIN
    UPDATE perks_membercard SET organization_id = NEW.organization_id
     WHERE member_id = NEW.id AND organization_id IS DISTINCT FROM NEW.organization_id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER perks_cards_follow_member
    AFTER UPDATE OF organization_id ON members_member
    FOR EACH ROW WHEN (OLD.organization_id IS DISTINCT FROM NEW.organization_id)
    EXECUTE FUNCTION perks_cards_follow_member();
"""

DROP_FUNCTIONS = """
DROP TRIGGER IF EXISTS perks_cards_follow_member ON members_member;
DROP FUNCTION IF EXISTS perks_cards_follow_member();
DROP TRIGGER IF EXISTS perks_card_takes_member_org ON perks_membercard;
DROP FUNCTION IF EXISTS perks_card_takes_member_org();
"""

BACKFILL = """
UPDATE perks_membercard AS c SET organization_id = m.organization_id
  FROM members_member AS m WHERE m.id = c.member_id;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_industries"),
        ("orgs", "0001_initial"),
        ("perks", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="membercard",
            name="organization",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="orgs.organization",
                verbose_name="所属工会组织",
            ),
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
        migrations.RunSQL(CARD_FUNCTION, DROP_FUNCTIONS),
        migrations.AlterField(
            model_name="membercard",
            name="organization",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="orgs.organization",
                verbose_name="所属工会组织",
            ),
        ),
        migrations.AddIndex(
            model_name="membercard",
            index=models.Index(fields=["organization", "issued_on", "id"], name="card_org_issued"),
        ),
    ]
