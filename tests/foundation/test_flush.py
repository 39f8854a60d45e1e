from django.core.management import call_command

from members.models import STANDARD_INDUSTRIES, Industry


def test_a_flushed_database_gets_the_industry_list_back(transactional_db):
    call_command("flush", "--no-input", verbosity=0)
    assert set(STANDARD_INDUSTRIES) <= set(Industry.objects.values_list("name", flat=True))
