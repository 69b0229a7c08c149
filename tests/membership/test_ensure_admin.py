from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command

import pytest

User = get_user_model()


def run(tmp_path) -> str:
    out = StringIO()
    call_command("ensure_admin", credentials_file=str(tmp_path / "login.txt"), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_creates_an_admin_once_and_prints_a_working_login(tmp_path, client):
    first = run(tmp_path)
    second = run(tmp_path)

    assert User.objects.filter(is_superuser=True).count() == 1
    email, password = (tmp_path / "login.txt").read_text().split()
    assert email in first
    assert password in first
    assert password in second  # later runs print the same login again
    assert (tmp_path / "login.txt").stat().st_mode & 0o077 == 0

    # Staff sign in through allauth; the printed login works there at once.
    response = client.post(
        "/accounts/login/", {"login": email, "password": password, "next": "/admin/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_leaves_an_existing_site_alone(tmp_path):
    User.objects.create_superuser(email="chief@example.org", password="pw-123456789")
    output = run(tmp_path)
    assert User.objects.count() == 1
    assert "chief@example.org" in output
    assert not (tmp_path / "login.txt").exists()
