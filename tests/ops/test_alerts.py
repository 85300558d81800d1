"""The alert rules are valid and fire when they should (Debian's promtool, a real process)."""

import shutil
import subprocess
from pathlib import Path

import pytest

RULES = Path(__file__).resolve().parents[2] / "deploy" / "prometheus"
pytestmark = pytest.mark.skipif(not shutil.which("promtool"), reason="promtool: apt prometheus")


def promtool(*args):
    return subprocess.run(["promtool", *args], cwd=RULES, capture_output=True, text=True)


def test_the_rules_and_scrape_config_are_valid():
    rules = promtool("check", "rules", "alerts.yml")
    assert rules.returncode == 0, rules.stdout + rules.stderr
    assert "SUCCESS: 9 rules found" in rules.stdout
    config = promtool("check", "config", "prometheus.yml")
    assert config.returncode == 0, config.stdout + config.stderr


def test_a_missed_release_a_down_site_and_a_stale_heartbeat_fire():
    result = promtool("test", "rules", "alerts.test.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_rule_tests_can_fail(tmp_path):
    """Guards the test above: a release that is live in time must not fire ReleaseMissed."""
    broken = (RULES / "alerts.test.yml").read_text().replace('"0 0 1 1 1 1 1 1 1 1"', '"0x9"')
    (tmp_path / "alerts.yml").write_text((RULES / "alerts.yml").read_text())
    (tmp_path / "alerts.test.yml").write_text(broken)
    result = subprocess.run(
        ["promtool", "test", "rules", "alerts.test.yml"], cwd=tmp_path, capture_output=True
    )
    assert result.returncode != 0
