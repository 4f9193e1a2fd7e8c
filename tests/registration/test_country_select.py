"""The registration form's country list is written by the project's own select widget
(sessions.registration.forms.ManyOptionsSelect), for speed: it must give exactly the
HTML Django's select gives, in every state a visitor can see it in."""

import pytest
from django import forms
from django.utils import translation

from sessions.registration.forms import ManyOptionsSelect, RegistrationForm


def as_django_would(form):
    field = form["country"]
    widget = field.field.widget
    widget.__class__ = forms.Select  # Django's own rendering of the same bound field
    try:
        return str(field)
    finally:
        widget.__class__ = ManyOptionsSelect


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    "data",
    [
        None,  # the form as first shown
        {"country": "FR", "first_name": "Ada"},  # refused for other fields, country kept
        {"country": "<script>x</script>"},  # refused country: marked invalid, nothing echoed
        {"country": ""},
    ],
)
def test_the_country_list_is_the_html_django_would_write(language, data):
    with translation.override(language):
        form = RegistrationForm(data)
        if data is not None:
            form.is_valid()  # as the page shows a refused form: with its errors
        ours = str(form["country"])
        assert ours == as_django_would(form)
    assert ours.count("<option") > 200
    if data and data["country"] == "FR":
        assert ours.count(" selected") == 1
        assert '<option value="FR" selected>' in ours
    assert "<script>x" not in ours


@pytest.mark.parametrize(("language", "country"), [("fr", "Allemagne"), ("en", "Germany")])
def test_no_country_reads_as_the_other_selects_empty_choice(language, country):
    # It read "---------" beside the role's "—".
    with translation.override(language):
        html = str(RegistrationForm()["country"])
    first = html.split("<option", 2)[1]
    assert first.startswith(' value=""') and first.split(">", 1)[1].startswith("—</option>")
    assert f'<option value="DE">{country}</option>' in html
