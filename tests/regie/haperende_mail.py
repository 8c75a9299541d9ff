"""A file mail backend for worker tests that hangs on its first message, so a test can kill
the worker at exactly that moment (mid-task) instead of hoping a sleep lands there.

The first send writes the file named by HAPERENDE_MAIL and then waits until the process is
killed; every later send (in any process) finds the file and writes the mail normally.
"""

import os
import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend as FileBackend


class EmailBackend(FileBackend):
    def send_messages(self, email_messages):  # type: ignore[no-untyped-def]
        marker = Path(os.environ["HAPERENDE_MAIL"])
        try:
            with marker.open("x") as out:  # only the very first send gets here
                out.write(f"{os.getpid()}\n")
        except FileExistsError:
            return super().send_messages(email_messages)
        while True:  # until the test kills this worker
            time.sleep(0.5)
