"""Appeals are edited in the admin by the Audience team and Editors, and a
saved appeal shows at once (the cached list of live appeals is dropped)."""

from django.contrib.auth.models import Group

import pytest

from membership.models import Appeal, User

pytestmark = pytest.mark.django_db

ADD = "/admin/snippets/membership/appeal/add/"


def staff(group: str) -> User:
    user = User.objects.create_user(f"{group.lower()}@example.org", password="x-long-password-1")
    user.groups.add(Group.objects.get(name=group))
    return user


def form(section_ids: list[int], **fields) -> dict:
    data = {
        "name": "End, anonymous, copy C",
        "heading": "Fund the next investigation",
        "body": '{"blocks": [{"key": "a", "type": "unstyled", "text": "We need you.", '
        '"depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
        "cta_label": "Join",
        "target": "join",
        "tier": "",
        "interval": "",
        "placement": "end",
        "after_paragraph": "",
        "audience": "anonymous",
        "sections": [str(pk) for pk in section_ids],
        "starts_at": "",
        "ends_at": "",
        "active": "on",
        "weight": "1",
        "goal": "",
    }
    data.update(fields)
    return data


@pytest.mark.parametrize("group", ["Audience", "Editors"])
def test_audience_and_editors_create_appeals_that_show_at_once(client, group, section, article):
    client.get(article.url)  # the (empty) list of live appeals is now cached
    client.force_login(staff(group))
    assert client.get(ADD).status_code == 200
    response = client.post(ADD, form([section.pk]))
    assert response.status_code == 302, response.content.decode()[:2000]
    appeal = Appeal.objects.get()
    assert list(appeal.sections.all()) == [section]
    client.logout()
    html = client.get(article.url).content.decode()
    assert f'data-appeal-id="{appeal.pk}"' in html
    assert "Fund the next investigation" in html


def test_a_plea_needs_a_call_to_action(client, section):
    client.force_login(staff("Audience"))
    response = client.post(ADD, form([], cta_label=""))
    assert response.status_code == 200
    assert "An appeal needs a call to action." in response.content.decode()
    assert not Appeal.objects.exists()


def test_reporters_cannot_edit_appeals(client):
    client.force_login(staff("Reporters"))
    assert client.get(ADD).status_code in (302, 403)
