"""The media bucket: images are public objects, documents are not.

Rendered images (renditions, originals) are read by every visitor's browser straight from
the bucket, at permanent addresses. Documents can sit in a private collection, so the
bucket gives no public read on ``documents/`` (docs/deploy.md, "Security model"): the
document view, once Wagtail's privacy check has passed, redirects to an address signed
for that one object, which expires (``cms.documents.redirect_to_bucket``).
"""

from storages.backends.s3 import S3Storage
from storages.utils import clean_name


class MediaStorage(S3Storage):
    def signed_url(self, name, seconds, **parameters):
        """A GET address of ``name`` that the bucket honours for ``seconds``.

        Signed against the bucket's own endpoint, never a custom domain (which serves only
        public objects). Computed locally: no request goes to the bucket.
        """
        parameters = {
            **parameters,
            "Bucket": self.bucket_name,
            "Key": self._normalize_name(clean_name(name)),
        }
        return self.connection.meta.client.generate_presigned_url(
            "get_object", Params=parameters, ExpiresIn=seconds, HttpMethod="GET"
        )
