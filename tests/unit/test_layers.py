"""The house rules on layers (docs/ARCHITECTURE.md), checked on the import graph.

The contracts live in pyproject.toml under [tool.importlinter]; .ci/run runs `lint-imports` on
them, and this test makes `./run test` fail too, one test per contract, naming the offending
imports. The graph (grimp) sees every import spelling, aliases and TYPE_CHECKING blocks
included, which a regex over the source does not.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from importlinter.api import read_configuration

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
CONTRACTS: list[dict[str, Any]] = read_configuration(str(ROOT / "pyproject.toml"))[
    "contracts_options"
]


def test_the_house_has_import_contracts() -> None:
    assert {contract["id"] for contract in CONTRACTS} >= {"layers", "pure-domain"}


@pytest.mark.parametrize("contract", CONTRACTS, ids=[c["id"] for c in CONTRACTS])
def test_import_contract_is_kept(contract: dict[str, Any]) -> None:
    run = subprocess.run(
        [LINT_IMPORTS, "--no-cache", "--no-logo", "--contract", contract["id"]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, f"{contract['name']}\n{run.stdout}{run.stderr}"
