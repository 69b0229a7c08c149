import io

from django.core.management import call_command

import pytest

from membership.models import Appeal, Audience, Placement

pytestmark = pytest.mark.django_db


def run() -> str:
    out = io.StringIO()
    call_command("setup_demo_appeals", stdout=out)
    return out.getvalue()


def test_demo_appeals_cover_each_audience_once(client, article):
    assert "Created 7 demo appeals." in run()
    assert "left as they are" in run()
    assert Appeal.objects.count() == 7
    end = Appeal.objects.filter(placement=Placement.END)
    assert sorted(end.values_list("audience", flat=True)) == sorted(
        [
            Audience.ANONYMOUS,
            Audience.ANONYMOUS,
            Audience.ANONYMOUS,
            Audience.SIGNED_IN,
            Audience.LAPSED,
            Audience.MEMBER,
        ]
    )
    assert Appeal.objects.get(placement=Placement.BANNER).goal == 100
    html = client.get(article.url).content.decode()
    assert html.count('data-appeal-placement="end"') == 3
    # The regular readers' variant is chosen in the browser: the default is for any reader.
    assert 'data-appeal-min="5"' in html
    assert html.count('data-appeal-placement="banner"') == 1
    assert "Independent journalism matters" in html
