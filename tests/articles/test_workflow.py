"""Reporters submit, editors publish: roles from the data migration, end to end."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Workflow

import pytest

from articles.models import ArticlePage
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def staff(email: str, group: str):
    user = get_user_model().objects.create_user(email=email, password="pw-a-long-one")
    user.groups.add(Group.objects.get(name=group))
    return user


def test_roles_exist_with_the_right_page_powers(section):
    draft = ArticlePageFactory(parent=section, live=False)
    reporter = staff("reporter@example.org", "Reporters")
    editor = staff("editor@example.org", "Editors")
    assert Group.objects.filter(name="Audience").exists()
    assert draft.permissions_for_user(reporter).can_edit()
    assert not draft.permissions_for_user(reporter).can_publish()
    assert draft.permissions_for_user(editor).can_publish()
    assert draft.permissions_for_user(editor).can_unpublish() is False  # not live yet


def test_editorial_review_workflow_is_editors_approval():
    workflow = Workflow.objects.get(name="Editorial review")
    [task] = [task.specific for task in workflow.tasks]
    assert list(task.groups.values_list("name", flat=True)) == ["Editors"]


def test_reporter_submits_and_editor_publishes(client, section):
    reporter = staff("reporter@example.org", "Reporters")
    editor = staff("editor@example.org", "Editors")
    draft = ArticlePageFactory(parent=section, live=False, first_published_at=None)
    draft.save_revision(user=reporter)

    # The reporter cannot publish directly...
    client.force_login(reporter)
    edit_url = f"/admin/pages/{draft.pk}/edit/"
    form = client.get(edit_url)
    assert form.status_code == 200
    assert "action-publish" not in form.content.decode()

    # ...but can submit it for review.
    workflow = Workflow.objects.get(name="Editorial review")
    workflow_state = workflow.start(draft, reporter)
    assert workflow_state.status == "in_progress"
    assert client.get(section.url).context["page_obj"].object_list == []

    # The editor approves; the single task completes the workflow and publishes.
    client.force_login(editor)
    task_state = workflow_state.current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{draft.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (200, 302)
    draft.refresh_from_db()
    assert draft.live
    assert [a.pk for a in client.get(section.url).context["page_obj"].object_list] == [draft.pk]
    assert ArticlePage.objects.live().count() == 1
