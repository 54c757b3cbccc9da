"""Every CLI command and every setting is documented (README, help with an example, a comment)."""

import re
from pathlib import Path

import click

from zhenwei.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group, prefix=()):
    for name, cmd in group.commands.items():
        path = prefix + (name,)
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, path)
        else:
            yield path, cmd


def test_every_command_has_an_example_and_is_in_readme():
    for path, cmd in _commands(main):
        assert "Example:" in (cmd.help or ""), f"{' '.join(path)} help lacks an Example: block"
        assert f"zhenwei {' '.join(path)}" in README, f"README does not document zhenwei {' '.join(path)}"


def test_every_setting_has_a_comment_and_is_in_readme():
    lines = (ROOT / "zhenwei" / "settings.py").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"^(ZHENWEI_[A-Z_]+)\s*=", line)
        if not m:
            continue
        commented = "#" in line or lines[i - 1].lstrip().startswith("#")
        assert commented, f"{m.group(1)} has no comment in settings.py"
        assert m.group(1) in README, f"{m.group(1)} is not in the README settings table"
