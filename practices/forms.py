import datetime

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cms.forms import HoneypotMixin

from .models import Lab

TEXT_LIMIT = 10_000


def _year_choices():
    this_year = datetime.date.today().year
    return [("", "—")] + [(str(year), str(year)) for year in range(this_year, 1899, -1)]


class ProposalForm(HoneypotMixin, forms.Form):
    """A practitioner's proposal, which becomes a draft case study for editors to review."""

    title = forms.CharField(label=_("Title of the case study"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Two or three sentences: what happened, where, and who was involved."),
    )
    city = forms.CharField(label=_("City"), max_length=100)
    country = forms.ChoiceField(label=_("Country"))
    lab = forms.ModelChoiceField(
        label=_("Fairville lab"),
        queryset=Lab.objects.none(),
        required=False,
        empty_label=_("None, or I don't know"),
        to_field_name="slug",
    )
    start_year = forms.TypedChoiceField(label=_("Start year"), coerce=int)
    end_year = forms.TypedChoiceField(
        label=_("End year"), coerce=int, required=False, empty_value=None
    )
    ongoing = forms.BooleanField(label=_("Still ongoing"), required=False)
    story = forms.CharField(
        label=_("The story"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "How it started, what was done, what changed. Separate paragraphs with a blank line."
        ),
    )
    actors = forms.CharField(
        label=_("Actors involved"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    lessons = forms.CharField(
        label=_("Lessons"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your email"))
    organisation = forms.CharField(label=_("Your organisation"), max_length=200, required=False)
    consent = forms.BooleanField(
        label=_(
            "I agree that the editors of Fairville Dialogues keep my name and email to "
            "contact me about this proposal, and that they may edit and publish the case "
            "study (without my contact details)."
        )
    )

    licence_agreement = forms.BooleanField(
        error_messages={
            "required": _(
                "Tick this box to agree to the licence: the library only publishes case "
                "studies that everyone may reuse under it."
            )
        },
    )

    def __init__(self, *args, locale, licence, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale = locale
        self.licence = licence
        self.fields["licence_agreement"].label = _(
            "I agree that the case study is published under the licence %(licence)s "
            "(%(url)s), so that anyone may reuse it on its terms, crediting its source."
        ) % {"licence": licence.name, "url": licence.url}
        self.fields["country"].choices = [("", "—")] + list(countries)
        self.fields["lab"].queryset = Lab.objects.filter(locale=locale)
        self.fields["start_year"].choices = _year_choices()
        self.fields["end_year"].choices = _year_choices()

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The end year cannot be before the start year."))
        if data.get("ongoing") and end:
            self.add_error("end_year", _("Leave the end year empty for an ongoing case study."))
        return data
