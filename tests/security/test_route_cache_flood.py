"""Routes are kept per content version (cms/routing.py): a script asking for addresses
that lead nowhere must not fill the shared cache or the processes' memory with them."""

from django.core.cache import cache

from cms import fragments


def test_addresses_that_lead_nowhere_are_not_kept(attacker, page_cache_off):
    # The 404 page's own parts (menu, footer) kept once per language.
    assert attacker.get("/fr/nulle-part/").status == 404
    assert attacker.get("/en/nowhere/").status == 404
    local, shared = len(fragments._local), len(cache._cache)
    for n in range(60):
        assert attacker.get(f"/fr/nulle-part-{n}/{'x' * n}/").status == 404
        assert attacker.get(f"/en/nowhere-{n}/").status == 404
    assert len(fragments._local) == local
    assert len(cache._cache) == shared


def test_lab_pages_and_filters_that_name_nothing_are_not_kept(attacker, page_cache_off):
    # A lab's page is kept only for a lab that exists; the listing's route is one per
    # library whatever its filters, and its other parts are keyed by content alone.
    assert attacker.get("/fr/bibliotheque/laboratoires/nulle-part/").status == 404
    assert attacker.get("/en/library/labs/nowhere/").status == 404
    assert attacker.get("/fr/bibliotheque/?tag=rien").status == 200
    assert attacker.get("/en/library/?lab=nowhere&tag=nothing").status == 200
    local, shared = len(fragments._local), len(cache._cache)
    for n in range(60):
        assert attacker.get(f"/fr/bibliotheque/laboratoires/nulle-part-{n}/").status == 404
        assert attacker.get(f"/en/library/labs/nowhere-{n}/").status == 404
        assert attacker.get(f"/fr/bibliotheque/?tag=rien-{n}&lever={'x' * n}").status == 200
        assert attacker.get(f"/en/library/?lab=nowhere-{n}&tag=nothing-{n}").status == 200
    assert len(fragments._local) == local
    assert len(cache._cache) == shared
