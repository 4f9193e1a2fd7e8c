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
