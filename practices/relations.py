"""The library's side of the links with the sessions app, found without importing it.

Sessions point to the shared ``cms.Lever`` taxonomy through an orderable whose
foreign key has ``related_name="session_links"``; case studies do the same with
``case_study_links``. From the lever's reverse relation we find the sessions'
link model and the name of its key to the session, so the two apps only agree on
a related name.
"""

from django.core.exceptions import FieldDoesNotExist

from cms.models import Lever


def session_lever_link():
    """``(link model, name of its key to the session page)``, or None without sessions."""
    try:
        relation = Lever._meta.get_field("session_links")
    except FieldDoesNotExist:
        return None
    model = relation.related_model
    key = next(
        field.name
        for field in model._meta.get_fields()
        if field.many_to_one and field.related_model is not Lever and field.name != "locale"
    )
    return model, key


def sessions_on_levers(codes):
    """A values queryset of the pks of sessions linked to any of these lever codes (or
    to entry points under them), or None when the sessions app is not installed."""
    found = session_lever_link()
    if found is None or not codes:
        return None
    model, key = found
    return model.objects.filter(lever__in=Lever.objects.covering(codes)).values(key)


def session_lever_codes(session):
    """The codes of the levers a session page is linked to."""
    found = session_lever_link()
    if found is None:
        return set()
    model, key = found
    return set(model.objects.filter(**{key: session.pk}).values_list("lever__code", flat=True))
