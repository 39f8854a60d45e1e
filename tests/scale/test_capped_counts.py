"""Lists of a million rows count up to a cap and say "more than" beyond it: an exact count of
840,000 cards would cost the city more than its page."""

from django.urls import reverse

from unionhub.core.paging import CappedPaginator

from .builders import build_cards


class World:
    def __init__(self, tree):
        self.cz = tree.cz


def test_the_card_list_counts_up_to_its_cap(tree, city_user, client_for, monkeypatch):
    build_cards(World(tree), 5)
    client = client_for(city_user)
    assert "共 5 张" in client.get(reverse("perks:cards")).content.decode()
    monkeypatch.setattr(CappedPaginator, "cap", 3)
    page = client.get(reverse("perks:cards"))
    assert "超过 3 张" in page.content.decode()
    assert len(page.context["page"].object_list) == 4  # the capped count bounds the pages
