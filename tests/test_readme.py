"""The README's commands run, and print what the README shows.

Every fenced block tagged ``sh``, ``console`` or ``python`` is run, in order,
in a fresh folder (with ``tests/`` linked in, as in a checkout). In ``console``
blocks each ``$`` command's output must equal the lines shown under it. The
two commands at the top are checked against ``.ci/run`` and run without their
install step (this environment is the install). A ``... &`` line starts a
server, on a free port in place of the one shown, for the blocks after it.
Blocks tagged ``shell`` (or untagged) are shown, not run.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)
INSTALL = re.compile(r"^python3 -m venv \.venv && \.venv/bin/pip install -e (\S+) && (.*)$")


def blocks() -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(README.read_text(encoding="utf-8"))]


class Session:
    """Runs the README's commands in one folder, as a reader would, one after another."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("ROLEGRAPH_HOME", "ROLEGRAPH_SOURCES", "ROLEGRAPH_DATA")}
        self.env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + self.env.get("PATH", "")
        self.env["COLUMNS"] = "200"
        self.server: subprocess.Popen | None = None
        self.port: str | None = None
        self.namespace: dict = {}

    def _ports(self, command: str) -> str:
        return command.replace(":7878", f":{self.port}").replace("--port 7878", f"--port {self.port}") \
            if self.port else command

    def run(self, command: str) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", "-c", self._ports(command)], cwd=self.folder, env=self.env,
                              capture_output=True, text=True, timeout=300)

    def start_server(self, command: str) -> None:
        from rolegraph.http.serve import free_port

        self.port = str(free_port())
        argv = shlex.split(self._ports(command), comments=True)
        self.server = subprocess.Popen(argv, cwd=self.folder, env=self.env, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, text=True)
        line = self.server.stdout.readline()  # printed once it answers
        assert "Serving" in line, (line, self.server.stderr.read() if self.server.poll() is not None else "")

    def python(self, code: str) -> None:
        cwd = os.getcwd()
        os.chdir(self.folder)
        try:
            exec(compile(self._ports(code), "README.md", "exec"), self.namespace)
        finally:
            os.chdir(cwd)

    def close(self) -> None:
        if self.server and self.server.poll() is None:
            self.server.terminate()
            self.server.wait(timeout=20)


def test_the_first_two_commands_are_the_install_and_the_ci_command():
    first, second = blocks()[0][1].strip(), blocks()[1][1].strip()
    ci = (ROOT / ".ci" / "run").read_text().strip().splitlines()[-1]
    assert second == ci, "the README's test command must be the one .ci/run runs"
    assert INSTALL.match(first) and INSTALL.match(first).group(2).startswith(".venv/bin/rolegraph")


def test_readme_commands_run_and_print_what_it_shows(tmp_path, monkeypatch):
    pytest.importorskip("aiohttp")  # the README serves the graph
    for key in ("ROLEGRAPH_HOME", "ROLEGRAPH_SOURCES", "ROLEGRAPH_DATA"):
        monkeypatch.delenv(key, raising=False)
    (tmp_path / "tests").symlink_to(ROOT / "tests")
    session = Session(tmp_path)
    ran = 0
    try:
        for n, (lang, text) in enumerate(blocks()):
            if n == 1:
                continue  # the test command: this is it
            if lang == "sh":
                script = []
                for line in text.splitlines():
                    if m := INSTALL.match(line):
                        line = m.group(2).replace(".venv/bin/", "")
                    if line.split("#")[0].rstrip().endswith("&"):
                        session.start_server(line.split("#")[0].rstrip()[:-1])
                        continue
                    script.append(line)
                done = session.run("set -euo pipefail\n" + "\n".join(script))
                assert done.returncode == 0, (text, done.stdout[-2000:], done.stderr[-2000:])
                ran += 1
            elif lang == "console":
                for command, shown in _console(text):
                    done = session.run(command)
                    printed = _trim([ln.rstrip() for ln in (done.stdout + done.stderr).splitlines()])
                    assert printed == shown, f"$ {command}\n" + "\n".join(printed)
                    ran += 1
            elif lang == "python":
                session.python(text)
                ran += 1
    finally:
        session.close()
    assert ran >= 10  # the parser found the blocks


def _console(text: str) -> list[tuple[str, list[str]]]:
    """``$ command`` lines with the output lines shown under each."""
    out: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("$ "):
            out.append((line[2:], []))
        elif out:
            out[-1][1].append(line.rstrip())
    return [(command, _trim(shown)) for command, shown in out]


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[-1]:
        lines.pop()
    return lines
