"""What a script sends to the addresses the language work added or renamed.

Every page address now goes through ``cms.missing_translation.serve`` (which may answer a
"not in your language" page instead of a 404), and the library's lab, codebook and propose
routes have one translated name each. A crawler or a fuzzer feeding them hostile paths
gets a 404 or the page, never a server error, and nothing it sent is echoed as markup.
"""

from urllib.parse import quote

import pytest

HOSTILE = [
    "<script>alert(1)</script>",
    "x" * 10_000,
    "é" * 2_000,
    "%00",
    "..%2F..%2Fetc%2Fpasswd",
    "a b\"c'd",
    "ملف",
    "OR 1=1 --",
]


@pytest.mark.parametrize("segment", HOSTILE)
@pytest.mark.parametrize(
    "prefix",
    [
        "/fr/",
        "/en/",
        "/de/",  # not a configured language
        "/fr/bibliotheque/laboratoires/",
        "/en/library/labs/",
        "/fr/bibliotheque/labs/",
        "/en/library/codebook/",
        "/fr/bibliotheque/proposer/",
    ],
)
def test_hostile_paths_answer_without_a_server_error_or_echo(attacker, prefix, segment):
    answer = attacker.get(prefix + quote(segment, safe="%") + "/")
    assert answer.status in (200, 301, 302, 404), answer.status
    assert "<script>alert(1)</script>" not in answer.body


@pytest.mark.parametrize("path", ["/fr/a-propos-des-dialogues/", "/de/a-propos-des-dialogues/"])
def test_a_post_to_a_page_or_its_missing_language_is_refused_without_error(attacker, path):
    answer = attacker.post(path, data={"x": "y" * 10_000})
    # /de/ is no site language: the locale middleware sends it elsewhere (302).
    assert answer.status in (302, 403, 404, 405), answer.status
