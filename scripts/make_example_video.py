#!/usr/bin/env python3
"""Make the demo's example recording: a few seconds of video with a tone, and its poster.

    scripts/system-deps.sh ffmpeg && .venv/bin/python scripts/make_example_video.py

Writes sessions/demo_media/example-recording.webm (VP8 and Vorbis, about 12 seconds,
480x270) and example-poster.jpg. Both are committed, so the demo needs no ffmpeg; run
this again only to change them. Every frame says it is an example.
"""

import shutil
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "sessions" / "demo_media"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SECONDS = 12


def main():
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        sys.exit("ffmpeg is missing: run scripts/system-deps.sh ffmpeg")
    OUT.mkdir(exist_ok=True)
    text = (
        f"drawtext=fontfile={FONT}:fontcolor=white:fontsize=26:x=(w-tw)/2:y=h/2-50:"
        "text='Exemple – Example',"
        f"drawtext=fontfile={FONT}:fontcolor=white:fontsize=40:x=(w-tw)/2:y=h/2:"
        "text='%{pts\\:hms}'"
    )
    video = OUT / "example-recording.webm"
    subprocess.run(  # noqa: S603 - fixed arguments
        [
            ffmpeg, "-y", "-loglevel", "error",
            "-f", "lavfi", "-i", f"color=c=0x0b5d4b:s=480x270:d={SECONDS}:r=12",
            "-f", "lavfi", "-i", f"sine=frequency=440:duration={SECONDS}",
            "-vf", text, "-af", "volume=0.1",
            "-c:v", "libvpx", "-b:v", "60k", "-c:a", "libvorbis", "-q:a", "0",
            "-shortest", str(video),
        ],
        check=True,
    )  # fmt: skip
    poster = OUT / "example-poster.jpg"
    subprocess.run(  # noqa: S603
        [ffmpeg, "-y", "-loglevel", "error", "-ss", "1", "-i", str(video), "-frames:v", "1",
         "-vf", "scale=960:540", "-q:v", "4", str(poster)],
        check=True,
    )  # fmt: skip
    for path in (video, poster):
        print(f"{path.relative_to(OUT.parent.parent)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
