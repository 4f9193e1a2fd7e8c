"""The public forms: register, and "tell me when registration opens"."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cms.forms import HoneypotMixin
from cms.languages import own_name_choices
from sessions.models import Registration, Role

from . import questions


def single_line(value):
    """Names are one line of printable text: no line breaks or control characters.

    A line break in a name is how header injection starts; refusing it here keeps
    names clean wherever they go (emails, exports, the admin).
    """
    if any(unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") for char in value):
        raise ValidationError(
            _("Use one line of text, without line breaks or special characters."),
            code="control_characters",
        )


class ManyOptionsSelect(forms.Select):
    """A ``Select`` with Django's exact HTML, its options written here rather than each
    through two templates: the country list (about 250 options) cost 5-10 ms of CPU per
    render of the form, on every uncached session page that takes registrations."""

    template_name = "event_sessions/widgets/select.html"

    def get_context(self, name, value, attrs):
        if any(isinstance(label, (list, tuple)) for _, label in self.choices):
            return super().get_context(name, value, attrs)  # groups: Django's own way
        context = forms.Widget.get_context(self, name, value, attrs)
        selected = set(context["widget"]["value"])
        rows = []
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            chosen = option_value in selected
            if chosen and not self.allow_multiple_selected:
                selected = set()  # Django selects the first match only
            rows.append((option_value, " selected" if chosen else "", label))
        context["widget"]["options_html"] = format_html_join(
            "", '\n  <option value="{}"{}>{}</option>\n', rows
        )
        return context


class RegistrationForm(HoneypotMixin, forms.Form):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        validators=[single_line],
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        validators=[single_line],
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label=_("Organisation (optional)"),
        max_length=200,
        required=False,
        validators=[single_line],
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    role = forms.ChoiceField(label=_("You are"), choices=[("", "—"), *Role.choices])
    # The model field's form field: country names in the visitor's language.
    country = Registration._meta.get_field("country").formfield(
        label=_("Country (optional)"), widget=ManyOptionsSelect(attrs={"autocomplete": "country"})
    )
    language = forms.ChoiceField(
        label=_("Language of our emails"),
        choices=own_name_choices,
        widget=forms.RadioSelect,
    )
    interpretation = forms.BooleanField(
        label=_("I need interpretation (French/English)"), required=False
    )
    accessibility = forms.CharField(
        label=_("Accessibility needs (optional)"),
        help_text=_("Captions, a sign language interpreter, anything that helps you take part."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    privacy_consent = forms.BooleanField(
        label=_("I agree that the organisers keep these details to run this session"),
        error_messages={"required": _("Please accept the privacy notice to register.")},
    )
    # A follow of the Dialogues by email (community), confirmed with the registration and
    # kept after its purge: the label says so, and that one can leave.
    news_consent = forms.BooleanField(
        label=_("Follow the Dialogues by email (optional)"),
        help_text=_(
            "News of the next sessions and of recordings. You can unsubscribe at any time "
            "with the link in every email."
        ),
        required=False,
    )
    recording_consent = forms.BooleanField(
        label=_("Email me when the recording of this session is online (optional)"),
        required=False,
    )

    # The answers in the model's order, the privacy notice just before the news.
    field_order = [*Registration.DETAILS, "privacy_consent", *Registration.CHOICES, "website"]

    def __init__(self, *args, session=None, **kwargs):
        """``session``: the session page whose extra questions the form asks too."""
        kwargs.setdefault("auto_id", "registration-%s")
        kwargs.setdefault("initial", {"language": get_language()})
        super().__init__(*args, **kwargs)
        # "—" as the role's and the proposal form's selects, not Django's "---------"; set
        # here, per form, so the names stay in the visitor's language.
        self.fields["country"].choices = [("", "—"), *countries]
        if session is not None:
            asked = questions.fields(session)
            self.fields.update(asked)
            # The session's questions after the registrant's details.
            self.order_fields([*Registration.DETAILS, *asked])

    def registration_data(self):
        data = {
            name: value
            for name, value in self.cleaned_data.items()
            if name in {field.name for field in Registration._meta.fields}
        }
        return {**data, questions.DATA_KEY: questions.answers(self)}


class OpeningNoticeForm(HoneypotMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    language = forms.ChoiceField(
        label=_("Language of our emails"),
        choices=own_name_choices,
        widget=forms.RadioSelect,
    )
    privacy_consent = forms.BooleanField(
        label=_("I agree that the organisers keep my email address to tell me"),
        error_messages={"required": _("Please accept the privacy notice.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "notice-%s")
        kwargs.setdefault("initial", {"language": get_language()})
        super().__init__(*args, **kwargs)
