"""Form pieces shared by every public form."""

from django import forms
from django.utils.translation import gettext_lazy as _


class HoneypotMixin(forms.Form):
    """A field hidden from people (by CSS and from assistive technology) that bots fill in.

    Views should treat ``is_bot()`` submissions as accepted, without saving anything,
    so the bot learns nothing.
    """

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_bot(self):
        return bool(self.data.get(self.add_prefix("website"), "").strip())
