"""Hosted videos: a YouTube or Vimeo address read into (provider, id), and the privacy-enhanced
player's address built from it.

Nothing here calls the provider: the page shows the site's own poster and a play button,
and the player is loaded from ``www.youtube-nocookie.com`` or ``player.vimeo.com`` (with
``dnt=1``) only when the visitor clicks. Those two hosts are the only frames the
Content-Security-Policy allows.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

YOUTUBE, VIMEO = "youtube", "vimeo"
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^\d{1,12}$")
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com"}
YOUTUBE_HOSTS |= {"www.youtube-nocookie.com", "music.youtube.com"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
PROVIDER_NAMES = {YOUTUBE: "YouTube", VIMEO: "Vimeo"}


@dataclass(frozen=True)
class HostedVideo:
    provider: str
    video_id: str

    @property
    def provider_name(self):
        return PROVIDER_NAMES[self.provider]

    def embed_url(self, start=0):
        """The privacy-enhanced player, starting at ``start`` seconds, playing at once."""
        start = max(0, int(start or 0))
        if self.provider == YOUTUBE:
            params = {"autoplay": 1, "rel": 0}
            if start:
                params["start"] = start
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?{urlencode(params)}"
        url = (
            f"https://player.vimeo.com/video/{self.video_id}?{urlencode({'dnt': 1, 'autoplay': 1})}"
        )
        return f"{url}#t={start}s" if start else url

    def watch_url(self, start=0):
        """The provider's own page, for visitors without JavaScript (a link they choose)."""
        start = max(0, int(start or 0))
        if self.provider == YOUTUBE:
            url = f"https://www.youtube.com/watch?v={self.video_id}"
            return f"{url}&t={start}s" if start else url
        url = f"https://vimeo.com/{self.video_id}"
        return f"{url}#t={start}s" if start else url


def parse_hosted_url(url):
    """``HostedVideo`` for a YouTube or Vimeo address; ``ValidationError`` for anything else."""
    url = (url or "").strip()
    parts = urlsplit(url if "//" in url else f"https://{url}")
    host = (parts.hostname or "").lower()
    segments = [segment for segment in parts.path.split("/") if segment]
    video_id = None
    if host in YOUTUBE_HOSTS:
        if segments[:1] == ["watch"]:
            video_id = (parse_qs(parts.query).get("v") or [""])[0]
        elif len(segments) >= 2 and segments[0] in ("embed", "shorts", "live", "v"):
            video_id = segments[1]
        if video_id and YOUTUBE_ID.match(video_id):
            return HostedVideo(YOUTUBE, video_id)
    elif host == "youtu.be":
        if segments and YOUTUBE_ID.match(segments[0]):
            return HostedVideo(YOUTUBE, segments[0])
    elif host in VIMEO_HOSTS:
        if host == "player.vimeo.com" and segments[:1] == ["video"]:
            segments = segments[1:]
        # vimeo.com/123, vimeo.com/channels/name/123, vimeo.com/123/abcdef (unlisted hash)
        numbers = [segment for segment in segments if VIMEO_ID.match(segment)]
        if numbers:
            return HostedVideo(VIMEO, numbers[0])
    raise ValidationError(
        _(
            "Give the address of a YouTube or Vimeo video, e.g. "
            "https://www.youtube.com/watch?v=… or https://vimeo.com/123456789."
        ),
        code="invalid_video_url",
    )
