"""A real SMTP server on loopback that keeps every message it accepts, one file each.

Usage: smtpstore.py PORT DIRECTORY. A message is written (then renamed into place, so
a reader never sees half of one) before the server answers 250: what the site was told
was delivered is on disk. Stopping the process is the "SMTP server down" fault.
"""

import signal
import sys
import threading
import time
import uuid
from pathlib import Path

from aiosmtpd.controller import Controller


class Store:
    def __init__(self, directory):
        self.directory = Path(directory)

    async def handle_DATA(self, server, session, envelope):
        name = f"{time.time():.6f}-{uuid.uuid4().hex}"
        temporary = self.directory / f".{name}.tmp"
        recipients = "".join(f"X-Rehearsal-To: {rcpt}\r\n" for rcpt in envelope.rcpt_tos)
        temporary.write_bytes(recipients.encode() + envelope.original_content)
        temporary.rename(self.directory / f"{name}.eml")
        return "250 Message accepted for delivery"


def main():
    port, directory = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Store(directory), hostname="127.0.0.1", port=port)
    controller.start()
    stopped = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stopped.set())
    stopped.wait()
    controller.stop()


if __name__ == "__main__":
    main()
