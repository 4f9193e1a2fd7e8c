"""Helpers the test packages share (fixtures go in conftest modules)."""

from bs4 import BeautifulSoup


def soup(response, status=200):
    """The response's HTML, parsed, once it has answered ``status`` (None: any status)."""
    if status is not None:
        assert response.status_code == status, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def text(node):
    """A node's text as a reader sees it: words separated by single spaces."""
    return " ".join(node.get_text(" ", strip=True).split())
