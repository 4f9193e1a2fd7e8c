"""The session's extra questions in the registration form, and the answers they give.

The form's fields are named after the source question (``question-<pk>``) and labelled
in the page's language (the translated question with the same ``translation_key``, the
source's wording when a translation lacks it). The answers travel with the request
(``extra_answers`` in its details, so they are purged with it) and are written when the
registration is confirmed (``save``). A choice is stored as the source language's
option, so that the export reads one value whatever language the form was in.
"""

from django import forms

from sessions.models import RegistrationAnswer, SessionQuestion
from sessions.models.questions import MAX_ANSWER

PREFIX = "question-"
DATA_KEY = "extra_answers"


def asked(page):
    """[(source question, question in the page's language)] for the page's session."""
    home = page.registration_home
    sources = list(SessionQuestion.objects.filter(page=home).order_by("sort_order", "pk"))
    if not sources or page.pk == home.pk:
        return [(source, source) for source in sources]
    translated = {
        question.translation_key: question for question in SessionQuestion.objects.filter(page=page)
    }
    return [(source, translated.get(source.translation_key, source)) for source in sources]


def fields(page):
    """{field name: form field} for the questions of the page's session."""
    made = {}
    for source, shown in asked(page):
        if source.kind == SessionQuestion.Kind.CHOICE and source.option_list:
            labels = shown.option_list
            if len(labels) != len(source.option_list):  # a translation out of step
                labels = source.option_list
            field = forms.TypedChoiceField(
                label=shown.text,
                choices=list(enumerate(labels)),
                coerce=int,
                required=source.required,
                widget=forms.RadioSelect,
            )
        else:
            field = forms.CharField(
                label=shown.text,
                max_length=MAX_ANSWER,
                required=source.required,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        field.source = source
        made[f"{PREFIX}{source.pk}"] = field
    return made


def answers(form):
    """{source question pk (str): answer as stored} from a valid form, empty ones left out."""
    given = {}
    for name, field in form.fields.items():
        source = getattr(field, "source", None)
        value = form.cleaned_data.get(name)
        if source is None or value in (None, ""):
            continue
        if isinstance(value, int):
            value = source.option_list[value]
        given[str(source.pk)] = value
    return given


def save(registration, given):
    """Write the answers of ``registration`` (replacing any), for its session's questions."""
    registration.answers.all().delete()
    if not given:
        return
    questions = SessionQuestion.objects.filter(
        page_id=registration.session_id, pk__in=[int(pk) for pk in given if str(pk).isdigit()]
    )
    RegistrationAnswer.objects.bulk_create(
        RegistrationAnswer(
            registration=registration,
            question=question,
            question_text=question.text,
            value=str(given[str(question.pk)])[:MAX_ANSWER],
        )
        for question in questions
    )
