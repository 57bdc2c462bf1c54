"""The contract, checked by a client nobody here wrote: schemathesis against the reference service.

schemathesis (pinned in requirements-dev.txt) reads ``docs/openapi.yaml``,
generates valid and invalid requests for every operation (examples, coverage,
fuzzing; undeclared methods, missing and wrong tokens) and checks every answer
against the document: status, content type, headers, schema. It runs on the
real simulator served on loopback, derandomized, with the settings in
``tests/contract/schemathesis.toml``, so a failure is reproducible with the
command it prints.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO_ROOT
from druktemeter.plugin.feed.contract import PATH_META
from druktemeter.plugin.service.server import ReferenceServer
from druktemeter.plugin.simulator import build_source
from feed_fakes import FakeFeedSource, MisbehavingServer, answer

STATION = "contract-station"
TRAINER = "contract-trainer"
SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
CONFIG = REPO_ROOT / "tests" / "contract" / "schemathesis.toml"


@pytest.fixture(scope="module")
def service():
    # No rate limit here: schemathesis sends hundreds of requests a second from one
    # connection, and answers of 429 would test nothing. The limits have their own tests.
    server = ReferenceServer(
        build_source("markt", seed=1, speed=60.0),
        token=STATION,
        trainer_token=TRAINER,
        rate_limit=None,
    )
    server.start()
    yield server
    server.stop()


def run_schemathesis(url: str, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    command = [
        str(SCHEMATHESIS),
        "--config-file",
        str(CONFIG),
        "--no-color",
        "run",
        str(REPO_ROOT / "docs" / "openapi.yaml"),
        "--url",
        url,
        "--checks",
        "all",
        "--workers",
        "1",
        *extra,
    ]
    return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)


def test_the_reference_service_and_the_openapi_document_agree(service, tmp_path):
    result = run_schemathesis(service.url, tmp_path, "-H", f"Authorization: Bearer {TRAINER}")
    summary = result.stdout[-3000:]
    assert result.returncode == 0, result.stdout[-12000:] + result.stderr[-2000:]
    assert " passed" in summary and "failed" not in summary, summary
    generated = int(re.search(r"(\d+) generated", summary).group(1))
    assert generated >= 300 and re.search(r"Tested: 6\b", summary), summary  # every operation, in depth
    assert TRAINER not in result.stdout  # schemathesis masks the header it was given


def test_schemathesis_fails_a_service_that_breaks_the_document(tmp_path):
    """The run can fail: a FAKE service whose meta lacks required fields is caught."""
    broken = MisbehavingServer(FakeFeedSource())
    broken.overrides[PATH_META] = answer(200, b'{"api_version": "v1"}')
    broken.start()
    try:
        result = run_schemathesis(broken.url, tmp_path, "--include-operation-id", "getMeta")
    finally:
        broken.stop()
    assert result.returncode != 0 and "Response violates schema" in result.stdout, result.stdout[-3000:]
