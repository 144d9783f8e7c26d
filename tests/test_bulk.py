"""awards.bulk.paused_gc: the cyclic collector held off while a round's tables are built, and
as it was afterwards, even when the work fails; what the block built frozen only in the command
line's own process, which ends with its command."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from awards.bulk import paused_gc


def test_the_collector_is_off_inside_and_back_on_after() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block still holds it
    assert gc.isenabled()


def test_the_collector_comes_back_when_the_work_fails() -> None:
    with pytest.raises(ZeroDivisionError), paused_gc():
        1 / 0  # noqa: B018
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_process_that_lives_on_keeps_collecting_what_a_block_built() -> None:
    # The test run is such a process: were the block's containers frozen here, garbage in a
    # cycle among them would never be collected.
    frozen = gc.get_freeze_count()
    with paused_gc():
        built = [[n] for n in range(1000)]
    assert gc.get_freeze_count() == frozen
    assert gc.is_tracked(built)


def test_the_command_lines_process_freezes_what_a_large_block_built() -> None:
    script = (
        "import gc\n"
        "from awards.bulk import FREEZE_FROM, paused_gc, settle_for_one_command, end_of_command\n"
        "settle_for_one_command()\n"
        "before = gc.get_freeze_count()\n"
        "with paused_gc():\n"
        "    small = [[n] for n in range(1000)]\n"
        "after_small = gc.get_freeze_count()\n"
        "with paused_gc():\n"
        "    large = [[n] for n in range(FREEZE_FROM)]\n"
        "after_large = gc.get_freeze_count()\n"
        "later = [[n] for n in range(1000)]\n"
        "end_of_command()\n"
        "print(after_small == before, after_large - before >= FREEZE_FROM, gc.isenabled(),"
        " gc.get_freeze_count() - after_large >= 1000)\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    # A small block's containers are left to the collector (a process running many commands,
    # as the demo does, would otherwise keep its garbage); a large one's are frozen with the
    # collector back on, and what came later at the command's end.
    assert found == ["True", "True", "True", "True"]
