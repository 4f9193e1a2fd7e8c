"""Forged queue stamps (``X-Request-Start``, cms/overload.py): a client cannot get a page
refused but its own, and nothing it writes there makes a 500.

In production the proxy sets the header over anything the client sent
(``proxy_set_header``); without a trusted proxy the header is not read at all.
"""

import time

import pytest

LONG_AGO = f"t={time.time() - 3600:.3f}"


def test_without_a_trusted_proxy_a_stamp_means_nothing(attacker, settings):
    settings.FAIRVILLE_TRUSTED_PROXIES = 0
    settings.FAIRVILLE_QUEUE_SECONDS = 5
    answer = attacker.get("/fr/", headers={"X-Request-Start": LONG_AGO})
    assert answer.status == 200


@pytest.mark.parametrize(
    "stamp",
    [
        "t=",
        "t=abc",
        "t=1e10",
        "t=-100",
        "t=inf",
        "t=nan",
        "t=" + "9" * 10_000,
        # Named: an id made of the time would differ between pytest-xdist's workers.
        pytest.param(f"t={time.time() + 3600:.3f}", id="from-the-future"),  # waited nothing
        "t=١٧٣٣٣٨٩٢١٢".encode(),  # digits, but not ASCII ones (UTF-8 bytes)
        pytest.param(f"{time.time() - 3600:.0f}", id="without-t"),
        "t=1733389212.1234567",
        "<script>alert(1)</script>",
    ],
)
def test_a_malformed_stamp_is_ignored(attacker, settings, stamp):
    settings.FAIRVILLE_TRUSTED_PROXIES = 1
    settings.FAIRVILLE_QUEUE_SECONDS = 5
    answer = attacker.get("/en/", headers={"X-Request-Start": stamp})
    assert answer.status == 200
    assert "<script>alert(1)</script>" not in answer.body


def test_a_stamp_refuses_only_the_request_it_came_with(attacker, settings):
    settings.FAIRVILLE_TRUSTED_PROXIES = 1
    settings.FAIRVILLE_QUEUE_SECONDS = 5
    assert attacker.get("/en/", headers={"X-Request-Start": LONG_AGO}).status == 503
    assert attacker.get("/en/").status == 200
