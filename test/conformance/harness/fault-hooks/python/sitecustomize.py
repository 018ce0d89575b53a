# Imported at Python start-up through PYTHONPATH (reliability S07 only): on SIGWINCH (ignored by
# default, handled by no server) it raises the fault named by CSB_FAULT_KIND on the app's event
# loop, outside any request, as a bug would: an exception in a loop callback ("uncaught") or a
# task whose exception nobody retrieves ("unhandled rejection").
import asyncio
import os
import signal

_kind = os.environ.get("CSB_FAULT_KIND", "uncaught-exception")
_pending = []


def _raise():
    raise RuntimeError("csb-fault-canary: uncaught exception")


async def _reject():
    raise RuntimeError("csb-fault-canary: unhandled rejection")


def _on_signal(signum, frame):
    loop = asyncio.get_event_loop_policy().get_event_loop()
    if _kind == "unhandled-rejection":
        # Never awaited; reported by the loop when the finished task is garbage-collected.
        loop.call_soon_threadsafe(lambda: loop.create_task(_reject()))
    else:
        loop.call_soon_threadsafe(_raise)


signal.signal(signal.SIGWINCH, _on_signal)
