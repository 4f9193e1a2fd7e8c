"""A public proposal becomes a draft case study in the moderation workflow.

Nothing a visitor sends is published: the page is created unpublished, its first
revision is submitted to the library's review workflow, and Wagtail emails the
reviewers (the workflow task's groups, in each reviewer's admin language). An
editor publishes it, or not, from the admin. The demo assigns the review workflow to
the library; a library without any workflow gets it on its first proposal.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from .models import CaseStudyPage, Submission

# Wagtail names a workflow and its task as they were saved, in every admin language and in
# the reviewers' emails: both languages, so that no reader gets the other's alone.
REVIEW_WORKFLOW = "Relecture des études de cas / Case study review"
REVIEW_TASK = "Relecture par l'équipe de la bibliothèque / Library editors review"
REVIEWERS_GROUP = "Moderators"  # created by Wagtail's own migrations


def assign_review_workflow(library_page):
    """Create the review workflow if needed and make it the library's (idempotent)."""
    workflow, created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    if created or not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
            reviewers, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
            task.groups.add(reviewers)
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, sort_order=0)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowPage.objects.update_or_create(page=library_page, defaults={"workflow": workflow})
    return workflow


def paragraphs(text):
    """Plain text typed by a visitor as rich text: escaped, one paragraph per blank line."""
    blocks = [" ".join(part.split()) for part in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{escape(block)}</p>" for block in blocks if block)


def unique_slug(parent, title):
    # ASCII where the title allows ("epicerie"), the title's own letters otherwise.
    base = slugify(title) or slugify(title, allow_unicode=True) or slugify(gettext("proposal"))
    base = base[:60].strip("-")
    siblings = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 1
    while slug in siblings:
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def submit_proposal(form, library_page):
    data = form.cleaned_data
    page = CaseStudyPage(
        **form.case_study_values(),
        # The proposer wrote it, not the lab they named.
        lab_is_author=False,
        slug=unique_slug(library_page, data["title"]),
        locale=library_page.locale,
        live=False,
        has_unpublished_changes=True,
    )
    library_page.add_child(instance=page)
    page.save_revision(log_action=True)
    # Whatever workflow an editor chose for the library applies; failing that, ours.
    workflow = library_page.get_workflow() or assign_review_workflow(library_page)
    workflow.start(page, user=None)
    Submission.objects.create(
        page=page,
        title=page.title,
        name=data["name"],
        email=data["email"],
        organisation=data["organisation"],
        language=library_page.locale.language_code,
        consent_at=timezone.now(),
    )
    return page
