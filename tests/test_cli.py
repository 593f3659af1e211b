"""Every command has --help; errors are one line on stderr with a non-zero status."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventwire.cli import cli

COMMANDS = [[], ["run"], ["annotate"], ["export"], ["events"], ["show"], ["storylines"], ["quarantine"], ["serve"],
            ["demo"], ["settings"], ["eval"], ["eval", "geo"], ["eval", "timex"], ["eval", "case"],
            ["eval", "entities"], ["eval", "docclusters"], ["gazetteer"], ["gazetteer", "build"],
            ["gazetteer", "lookup"]]


@pytest.mark.parametrize("cmd", COMMANDS, ids=lambda c: " ".join(c) or "root")
def test_help(cmd):
    res = CliRunner().invoke(cli, [*cmd, "--help"])
    assert res.exit_code == 0, res.output
    assert "Usage:" in res.output


def test_unknown_setting_is_one_clear_line():
    res = CliRunner().invoke(cli, ["--set", "nope=1", "settings"])
    assert res.exit_code == 2
    assert res.output.strip().splitlines()[0].startswith("error: unknown setting 'nope'")


def test_missing_database_says_what_to_do(tmp_path):
    res = CliRunner().invoke(cli, ["events", "--db", str(tmp_path / "none.db")])
    assert res.exit_code != 0
    assert "error:" in res.output and "eventwire run" in res.output


def test_settings_lists_the_table():
    res = CliRunner().invoke(cli, ["--set", "batch_size=7", "settings"])
    assert res.exit_code == 0
    assert "batch_size = 7" in res.output and "articles per spaCy batch" in res.output


def test_eval_rejects_non_gold_file(tmp_path):
    f = tmp_path / "x.jsonl"
    f.write_text(json.dumps({"id": "a", "text": "t"}) + "\n")
    res = CliRunner().invoke(cli, ["eval", "case", str(f)])
    assert res.exit_code == 2 and "no 'gold' field" in res.output
