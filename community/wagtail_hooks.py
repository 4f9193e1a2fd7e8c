from wagtail import hooks

from cms.management.retention import PURGE_HOOK
from cms.models.pages import PAGE_SECTIONS_HOOK

from .sections import follow_section

hooks.register(PAGE_SECTIONS_HOOK, follow_section)


@hooks.register(PURGE_HOOK)
def purge_unconfirmed():
    from .retention import purge_requests

    return purge_requests()


@hooks.register("fairville_dashboard_panels")
def subscribers_on_the_dashboard():
    from .dashboard import subscribers_panel

    return subscribers_panel()
