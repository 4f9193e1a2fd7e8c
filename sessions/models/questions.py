"""A session's extra questions to its registrants, and their answers (issue 18 §4).

Editors add questions on the session page ("your question for the speakers", "which
workshop"...). They are page content, translated with the page (wagtail-localize copies
each with its ``translation_key``); answers always point at the source page's question,
the registration home's, so the French and English forms fill one list of answers.

Answers are personal data: only registration managers see them (the Registrations
listing, its inspect view and export), and they go with their registration (cascade),
purge included. Each keeps the question's wording as it was asked, so an edited or
deleted question leaves its answers readable.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin

MAX_ANSWER = 2000
MAX_CHOICES = 20


class SessionQuestion(TranslatableMixin, Orderable):
    class Kind(models.TextChoices):
        TEXT = "text", _("Free text")
        CHOICE = "choice", _("One choice among options")

    page = ParentalKey(
        "event_sessions.SessionPage", related_name="questions", on_delete=models.CASCADE
    )
    text = models.CharField(
        _("question"),
        max_length=300,
        help_text=_("For example: your question for the speakers."),
    )
    kind = models.CharField(_("answer"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    options = models.TextField(
        _("options"),
        blank=True,
        help_text=_("For a choice: one option per line, in the same order in every language."),
    )
    required = models.BooleanField(_("required"), default=False)

    panels = [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("options"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("question to registrants")
        verbose_name_plural = _("questions to registrants")

    def __str__(self):
        return self.text

    @property
    def option_list(self):
        lines = (line.strip() for line in self.options.splitlines())
        return [line for line in lines if line][:MAX_CHOICES]


class RegistrationAnswer(models.Model):
    registration = models.ForeignKey(
        "event_sessions.Registration",
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    question = models.ForeignKey(
        SessionQuestion,
        verbose_name=_("question"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="answers",
    )
    # The wording asked (source language), kept if the question changes or goes.
    question_text = models.CharField(_("question"), max_length=300)
    value = models.TextField(_("answer"), max_length=MAX_ANSWER)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "question"], name="one_answer_per_question"
            )
        ]

    def __str__(self):
        return f"{self.question_text}: {self.value}"
