# Put on PYTHONPATH of a Python app under test (reliability S07 only): Python imports
# `sitecustomize` at start-up. On SIGWINCH (ignored by default, handled by no server) it raises the
# fault named by CSB_FAULT_KIND in the app's running event loop, outside any request, as a bug would:
# an exception in a loop callback, or a task that fails with nobody awaiting it.
import asyncio
import gc
import os
import signal

_KIND = os.environ.get("CSB_FAULT_KIND", "uncaught-exception")


def _raise() -> None:
    raise RuntimeError("csb-fault-canary: uncaught exception")


async def _fail() -> None:
    raise RuntimeError("csb-fault-canary: unhandled rejection")


def _orphan_failing_task(loop: asyncio.AbstractEventLoop) -> None:
    task = loop.create_task(_fail())
    # Dropped once done: asyncio reports "Task exception was never retrieved" when it is collected.
    task.add_done_callback(lambda _: loop.call_soon(gc.collect))


def _on_signal(signum, frame) -> None:
    loop = asyncio._get_running_loop()
    if loop is None:
        return
    if _KIND == "unhandled-rejection":
        loop.call_soon_threadsafe(_orphan_failing_task, loop)
    else:
        loop.call_soon_threadsafe(_raise)


signal.signal(signal.SIGWINCH, _on_signal)
