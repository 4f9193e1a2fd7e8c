import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cms.forms import HoneypotMixin

from .models import CaseStudyPage, Lab
from .models.case_studies import FIRST_YEAR
from .submissions import paragraphs

TEXT_LIMIT = 10_000


def _year_choices():
    this_year = datetime.date.today().year
    years = range(this_year, FIRST_YEAR - 1, -1)
    return [("", "—")] + [(str(year), str(year)) for year in years]


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
    # Lists of years to choose from; which years are allowed is the model's rule.
    start_year = forms.IntegerField(label=_("Start year"), widget=forms.Select)
    end_year = forms.IntegerField(
        label=_("End year (optional)"), required=False, widget=forms.Select
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
        label=_("Actors involved (optional)"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    lessons = forms.CharField(
        label=_("Lessons (optional)"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your email"))
    organisation = forms.CharField(
        label=_("Your organisation (optional)"), max_length=200, required=False
    )
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
        self.fields["start_year"].widget.choices = _year_choices()
        self.fields["end_year"].widget.choices = _year_choices()

    # The model's name of a field that the form names for its reader.
    MODEL_FIELDS = {"story": "body"}

    def case_study_values(self):
        """The case study's fields from the answers (texts as escaped paragraphs)."""
        data = self.cleaned_data
        values = {
            name: data.get(name)
            for name in ("title", "summary", "city", "country", "lab", "start_year", "end_year")
        }
        return {
            **values,
            "ongoing": data.get("ongoing", False),
            "body": [{"type": "paragraph", "value": paragraphs(data.get("story") or "")}],
            "actors": paragraphs(data.get("actors") or ""),
            "lessons": paragraphs(data.get("lessons") or ""),
            # What the proposer agreed to, even if the site's default changes later.
            "licence": self.licence if self.licence.pk else None,
        }

    def clean(self):
        """The case study's own rules, from the model (``CaseStudyPage.clean_new``)."""
        data = super().clean()
        by_model_name = {self.MODEL_FIELDS.get(name, name): name for name in self.fields}
        in_error = [model_name for model_name, name in by_model_name.items() if name in self.errors]
        page = CaseStudyPage(locale=self.locale, **self.case_study_values())
        try:
            page.clean_new(exclude=in_error)
        except ValidationError as error:
            for model_name, messages in error.message_dict.items():
                self.add_error(by_model_name.get(model_name), messages)
        return data
