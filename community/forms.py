"""The follow form and the "manage my subscriptions" form."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cms.forms import HoneypotMixin
from cms.languages import own_name_choices

from .models import Frequency


class FollowForm(HoneypotMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    language = forms.ChoiceField(
        label=_("Language of our emails"), choices=own_name_choices, widget=forms.RadioSelect
    )
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Frequency.choices, widget=forms.RadioSelect
    )
    privacy_consent = forms.BooleanField(
        label=_("I agree that the organisers keep my email address to send me this news"),
        error_messages={"required": _("Please accept the privacy notice to follow.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "follow-%s")
        kwargs.setdefault("initial", {"language": get_language(), "frequency": Frequency.WEEKLY})
        super().__init__(*args, **kwargs)


class ManageForm(forms.Form):
    follows = forms.MultipleChoiceField(
        label=_("What you follow"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Untick what you no longer want to hear about."),
    )
    language = forms.ChoiceField(
        label=_("Language of our emails"), choices=own_name_choices, widget=forms.RadioSelect
    )
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Frequency.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, follows=(), **kwargs):
        kwargs.setdefault("auto_id", "manage-%s")
        super().__init__(*args, **kwargs)
        self.fields["follows"].choices = [(str(pk), name) for pk, name in follows]
