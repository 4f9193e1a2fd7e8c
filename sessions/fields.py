"""A list of the site's language codes, stored as text ("fr,en").

A session's languages are a small set picked with checkboxes. A many-to-many field
would be ignored by wagtail-localize and a JSON field has no usable admin widget, so
the list is kept in one column that translations copy as a synchronised value.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class LanguageCodesField(models.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 50)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None:
            return []
        if isinstance(value, list | tuple):
            return list(value)
        return [code for code in str(value).split(",") if code]

    def get_prep_value(self, value):
        return ",".join(self.to_python(value))

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def run_validators(self, value):
        # The length limit applies to the stored text, not to the list.
        super().run_validators(self.get_prep_value(value))

    def validate(self, value, model_instance):
        if not value and not self.blank:
            raise ValidationError(self.error_messages["blank"], code="blank")
        known = dict(settings.LANGUAGES)
        unknown = [code for code in value if code not in known]
        if unknown:
            raise ValidationError(
                _("Unknown language: %(codes)s."),
                code="invalid_choice",
                params={"codes": ", ".join(unknown)},
            )

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=settings.LANGUAGES,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )
