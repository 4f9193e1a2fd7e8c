"""Routes are kept per content version (cms/routing.py): a script asking for addresses
that lead nowhere must not fill the shared cache or the processes' memory with them."""

from django.core.cache import cache

from cms import fragments


def kept():
    return len(fragments._local), len(cache._cache)


def assert_flood_keeps_nothing(attacker, addresses):
    """``addresses(n)``: (path, status) pairs, new ones for each n. The first round keeps
    what any answer keeps (the menu and footer per language); 60 more keep nothing."""
    for path, status in addresses(0):
        assert attacker.get(path).status == status
    before = kept()
    for n in range(1, 61):
        for path, status in addresses(n):
            assert attacker.get(path).status == status
    assert kept() == before


def test_addresses_that_lead_nowhere_are_not_kept(attacker, page_cache_off):
    assert_flood_keeps_nothing(
        attacker,
        lambda n: [(f"/fr/nulle-part-{n}/{'x' * n}/", 404), (f"/en/nowhere-{n}/", 404)],
    )


def test_lab_pages_and_filters_that_name_nothing_are_not_kept(attacker, page_cache_off):
    # A lab's page is kept only for a lab that exists; the listing's route is one per
    # library whatever its filters, and its other parts are keyed by content alone.
    assert_flood_keeps_nothing(
        attacker,
        lambda n: [
            (f"/fr/bibliotheque/laboratoires/nulle-part-{n}/", 404),
            (f"/en/library/labs/nowhere-{n}/", 404),
            (f"/fr/bibliotheque/?tag=rien-{n}&lever={'x' * n}", 200),
            (f"/en/library/?lab=nowhere-{n}&tag=nothing-{n}", 200),
        ],
    )
