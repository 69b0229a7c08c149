"""Alt text is required (issue 17): an image's description is its alt text,
never its title or file name; the lead image and the image block ask for
one when the image has none, or a clear "decorative" choice (alt="")."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from wagtail.blocks import StructBlockValidationError

import pytest

from articles.blocks import ArticleBodyBlock
from tests.factories import ArticlePageFactory, ImageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def image_block():
    return ArticleBodyBlock().child_blocks["image"]


def block_value(image, **fields):
    return image_block().to_python({"image": image.pk, "alignment": "full", **fields})


def render(image, **fields) -> str:
    return image_block().render(block_value(image, **fields))


def test_image_block_without_any_description_asks_for_one():
    image = ImageFactory(title="lead", description="")
    with pytest.raises(StructBlockValidationError) as error:
        image_block().clean(block_value(image))
    assert "alt_text" in error.value.block_errors
    assert "Describe the image" in str(error.value.block_errors["alt_text"])


def test_image_block_alt_from_block_then_description_never_the_title():
    image = ImageFactory(title="lead", description="")
    image_block().clean(block_value(image, alt_text="Ferry at the quay at dusk"))
    assert 'alt="Ferry at the quay at dusk"' in render(image, alt_text="Ferry at the quay at dusk")
    described = ImageFactory(title="IMG_2041", description="Smoke over the port")
    image_block().clean(block_value(described))
    assert 'alt="Smoke over the port"' in render(described)
    assert "IMG_2041" not in render(described)


def test_a_decorative_image_has_empty_alt():
    image = ImageFactory(title="lead", description="")
    image_block().clean(block_value(image, decorative=True))
    html = render(image, decorative=True)
    assert 'alt=""' in html
    assert 'alt="lead"' not in html


def test_image_block_has_help_on_good_alt_text():
    help_text = image_block().child_blocks["alt_text"].field.help_text
    assert "what the image shows" in help_text


@pytest.fixture
def section(home):
    return SectionPageFactory(parent=home, title="World", slug="world")


def test_lead_image_without_description_asks_for_alt_text(section):
    article = ArticlePageFactory(parent=section)
    article.lead_image = ImageFactory(title="lead", description="")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "lead_image_alt" in error.value.message_dict
    article.lead_image_alt = "Pilots on the quay before dawn"
    article.full_clean()
    article.save()
    html = article.serve(_request(article)).render().content.decode()
    assert 'alt="Pilots on the quay before dawn"' in html
    assert 'alt="lead"' not in html


def test_lead_image_decorative_and_description(section):
    article = ArticlePageFactory(parent=section)
    article.lead_image = ImageFactory(title="lead", description="")
    article.lead_image_decorative = True
    article.full_clean()
    assert article.lead_image_alt_text == ""
    article.lead_image = ImageFactory(title="lead", description="A crane over the harbour")
    article.lead_image_decorative = False
    assert article.lead_image_alt_text == "A crane over the harbour"


def _request(page):
    request = RequestFactory().get(page.url, HTTP_HOST="localhost")
    request.user = AnonymousUser()
    return request


def test_the_image_form_says_the_description_is_the_alt_text(client, django_user_model):
    admin = django_user_model.objects.create_superuser("chief@example.org", "pw-long-enough-1")
    client.force_login(admin)
    image = ImageFactory(title="lead", description="")
    html = client.get(f"/admin/images/{image.pk}/").content.decode()
    assert "Description (alt text)" in html
    assert "Not the file name" in html
