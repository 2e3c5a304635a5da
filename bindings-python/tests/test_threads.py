"""Threads: one shared Signer and Verifier across 8 threads; and proof that signing and verifying
release the GIL (a pure-Python thread makes progress during native calls). No timings asserted."""

from __future__ import annotations

import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Iterator

import pytest

import munity_secrets as ms
from conftest import WORKSPACE_ID


def test_eight_threads_share_one_signer(signer: ms.Signer, verifier: ms.Verifier) -> None:
    def work(thread: int) -> list[tuple[str, str]]:
        out = []
        for i in range(500):
            customer_id = f"t{thread}n{i}"
            out.append((customer_id, signer.connect_secret(customer_id=customer_id, workspace_id=WORKSPACE_ID)))
        return out

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = [r for batch in pool.map(work, range(8)) for r in batch]
    assert len(results) == 4000
    assert len({secret for _, secret in results}) == 4000

    def check(item: tuple[str, str]) -> bool:
        return verifier.verify(item[1], expect="connect").customer_id == item[0]

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert all(pool.map(check, results))


@pytest.fixture()
def cooperative_gil() -> Iterator[None]:
    """A switch interval so long that the interpreter never takes the GIL from a thread by force
    during the test: another thread runs only when the GIL is released voluntarily."""
    old = sys.getswitchinterval()
    sys.setswitchinterval(30.0)
    try:
        yield
    finally:
        sys.setswitchinterval(old)


def overlapped_calls(call: Callable[[], object], calls: int = 200) -> int:
    """How many of `calls` native calls a pure-Python thread made progress during."""
    progress = 0
    stop = False

    def spin() -> None:
        nonlocal progress
        while not stop:
            progress += 1
            time.sleep(0)  # gives the GIL back at once, so the caller never waits for a switch interval

    thread = threading.Thread(target=spin)
    thread.start()
    overlapped = 0
    try:
        for _ in range(calls):
            before = progress
            call()
            if progress != before:
                overlapped += 1
    finally:
        stop = True
        thread.join()
    return overlapped


def test_signing_releases_the_gil(cooperative_gil: None, signer: ms.Signer, private_pem: str) -> None:
    # With the GIL held through a call, `progress` could not change between `before` and the check:
    # this thread never gives the GIL up otherwise. Each call it changed in ran in parallel with Python.
    assert overlapped_calls(lambda: signer.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID)) > 0
    assert overlapped_calls(lambda: ms.connect_secret(private_pem, customer_id="c1", workspace_id=WORKSPACE_ID)) > 0


def test_verifying_releases_the_gil(cooperative_gil: None, signer: ms.Signer, verifier: ms.Verifier,
                                     public_pem: str) -> None:
    secret = signer.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID)
    assert overlapped_calls(lambda: verifier.verify(secret), calls=1000) > 0
    assert overlapped_calls(lambda: ms.verify_secret(public_pem, secret), calls=1000) > 0


def test_the_control_holds_the_gil(cooperative_gil: None) -> None:
    """The method's control: a pure-Python call that never releases the GIL shows no overlap."""

    def busy() -> int:
        return sum(range(20_000))

    assert overlapped_calls(busy) == 0


def test_concurrent_native_calls_overlap(signer: ms.Signer) -> None:
    """Several threads inside the native signer at once: counted from Python around the calls."""
    inside = 0
    most = 0
    lock = threading.Lock()
    barrier = threading.Barrier(4)

    def work() -> None:
        nonlocal inside, most
        barrier.wait()
        for _ in range(100):
            with lock:
                inside += 1
                most = max(most, inside)
            signer.connect_secret(customer_id="c1", workspace_id=WORKSPACE_ID)
            with lock:
                inside -= 1

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most >= 2
