"""Media on S3-compatible storage (MEDIA_STORAGE=s3) with private documents.

Images (originals, renditions, avatars) are public objects under plain,
long-cached URLs, as the settings' options say. Documents are not: their URL
is signed for SIGNED_URL_SECONDS and points at the bucket itself, never the
public media host, and they are stored with ``Cache-Control: private,
no-store``. Wagtail's document view (WAGTAILDOCS_SERVE_METHOD = "redirect")
checks the collection's privacy and only then redirects to that URL, so the
bucket's policy must allow public reads of image paths only (docs/deploy.md).
"""

from storages.backends.s3 import S3Storage
from storages.utils import clean_name

DOCUMENTS_PREFIX = "documents/"
SIGNED_URL_SECONDS = 60
PRIVATE_OBJECT = "private, no-store"


def is_document(name: str) -> bool:
    return clean_name(name).lstrip("/").startswith(DOCUMENTS_PREFIX)


class MediaS3Storage(S3Storage):
    def __init__(self, **settings) -> None:
        # Signature version 4, which every region and S3-compatible service
        # accepts (version 2 signatures are refused by most).
        settings.setdefault("signature_version", "s3v4")
        super().__init__(**settings)

    def url(self, name, parameters=None, expire=None, http_method=None) -> str:
        if not is_document(name):
            return super().url(name, parameters, expire, http_method)
        params = {
            **(parameters or {}),
            "Bucket": self.bucket.name,
            "Key": self._normalize_name(clean_name(name)),
        }
        return self.connection.meta.client.generate_presigned_url(
            "get_object",
            Params=params,
            ExpiresIn=min(expire or SIGNED_URL_SECONDS, SIGNED_URL_SECONDS),
            HttpMethod=http_method,
        )

    def get_object_parameters(self, name: str) -> dict:
        parameters = super().get_object_parameters(name)
        if is_document(name):
            parameters["CacheControl"] = PRIVATE_OBJECT
        return parameters
