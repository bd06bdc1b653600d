"""The command line: in-process through ``main`` where the process boundary
is not the point, and a few end-to-end runs of the real entry points.

The edges (closed, full and broken streams, hostile input) are in
test_cli_edges.py; what each command prints, in the golden files.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rangespec import __version__, validate
from rangespec.cli import EXIT_CODES, main
from rangespec.render import render_human, use_color

# The console script installed beside this interpreter, and python -m.
_SCRIPT = shutil.which("rangespec", path=str(Path(sys.executable).parent))
ENTRY_POINTS = [[sys.executable, "-m", "rangespec"], [_SCRIPT or "rangespec-not-installed"]]
DOCS = Path(__file__).parents[1] / "docs" / "cli.md"


def run(entry: list[str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*entry, *args], input=stdin, capture_output=True, text=True, timeout=60, check=False
    )


def cli(capsys: pytest.CaptureFixture[str], *args: str, stdin: bytes = b"") -> tuple[int, str, str]:
    """Run main() in this process with ``stdin``; (status, stdout, stderr)."""
    old = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
    try:
        status = main(list(args))
    finally:
        sys.stdin = old
    out, err = capsys.readouterr()
    return status, out, err


# -- the real entry points ----------------------------------------------------------


def test_script_is_installed() -> None:
    assert _SCRIPT is not None


@pytest.mark.parametrize("entry", ENTRY_POINTS, ids=["python -m rangespec", "rangespec"])
def test_entry_points(entry: list[str]) -> None:
    done = run(entry, "normalize", "2.1.0-,2.0.2-2.0.4,2.0.3")
    assert (done.returncode, done.stdout, done.stderr) == (0, "2.0.2-2.0.4,2.1.0+\n", "")
    done = run(entry, "contains", "2.0.2-2.0.4,2.1.0+", "-", stdin="2.1.3\n3.0\n")
    assert (done.returncode, done.stdout) == (1, "2.1.3\tyes\n3.0\tno\n")
    done = run(entry, "normalize", "02")
    assert done.returncode == 2
    assert done.stderr.startswith("rangespec normalize: error: TEXT: ")
    assert "Traceback" not in done.stderr


def test_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "--version") == (0, f"rangespec {__version__}\n", "")


# -- commands in-process -------------------------------------------------------------


def test_normalize(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "normalize", "2.1.0-,2.0.3,2.0.2-2.0.4") == (0, "2.0.2-2.0.4,2.1.0+\n", "")
    # '-' reads stdin, one list per line
    status, out, _ = cli(capsys, "normalize", "-", "2.*", stdin=b"2.1.0-\n\n")
    assert (status, out) == (0, "2.1.0+\n\n2.*\n")


def test_contains(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(capsys, "contains", "2.0.2-2.0.4,2.1.0+", "2.1.3", "3.0.0")
    assert (status, out) == (1, "2.1.3\tyes\n3.0.0\tno\n")
    assert cli(capsys, "contains", "-q", "2.*", "3.0") == (1, "", "")
    assert cli(capsys, "contains", "-q", "2.*", "2.9")[0] == 0


def test_contains_echoes_a_version_with_its_newline_escaped(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # one trailing newline is allowed in a version, but echoed raw it would
    # split the answer's line in two
    status, out, _ = cli(capsys, "contains", "2.*", "2.1\n", "3.0\n")
    assert (status, out) == (1, "2.1\\n\tyes\n3.0\\n\tno\n")


def test_contains_checks_every_argument_before_answering(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = cli(capsys, "contains", "2.*", "2.1", "2..1")
    assert (status, out) == (2, "")
    assert "VERSION 2" in err


def test_filter_prints_the_accepted_versions_sorted(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(capsys, "filter", "2.*", "2.10", "3", "-", "2.9", stdin=b"2.1\n1.0\n")
    assert (status, out) == (0, "2.1\n2.9\n2.10\n")
    assert cli(capsys, "filter", "2.*", "3")[:2] == (1, "")


def test_validate_keeps_the_order_of_its_arguments(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lists = tmp_path / "lists"
    lists.write_text("2.*\n02\n")
    status, out, _ = cli(
        capsys, "validate", "1.*", "-f", str(lists), "-", "x", "--strict", stdin=b"3.*\n"
    )
    assert status == 1
    assert [line.split(": ")[0] for line in out.splitlines()] == [
        "<arg 1>",
        f"{lists}:1",
        f"{lists}:2",
        "<stdin>:1",
        "<arg 2>",
    ]


@pytest.mark.parametrize(
    "after",
    [
        ["-f{secret}"],
        ["--attribute={secret}"],
        ["--format=json", "-f", "{secret}"],
        ["--strict", "2.1.0-"],
        ["-h"],
    ],
)
@pytest.mark.parametrize("before", [[], ["2.1"], ["--format", "json"]])
def test_validate_reads_everything_after_dashes_as_texts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, before: list[str], after: list[str]
) -> None:
    # `rangespec validate -- "$UNTRUSTED"` must check the value as a text, whatever
    # it looks like: never read a file it names, nor take it as an option
    secret = tmp_path / "secret"
    secret.write_text("root:SECRET:1\n")
    texts = [a.format(secret=secret) for a in after]
    status, out, err = cli(capsys, "validate", *before, "--", *texts)
    assert status == 1  # each is an invalid text; "-h" prints no help
    assert "SECRET" not in out + err
    if "json" in before:
        assert [r["text"] for r in json.loads(out)["results"]] == texts
    else:
        # each is shown as the text in error (long ones clipped), under its own
        # "<arg N>" result
        for text in texts:
            assert any(line.startswith(f"  {text[:12]}") for line in err.splitlines())
        results = {line.split(":")[0] for line in out.splitlines() if line.startswith("<arg")}
        assert len(results) == len(before) + len(texts)


@pytest.mark.parametrize("text", ["-1", "-.5", "-2.0"])
def test_validate_checks_a_text_that_looks_like_a_negative_number(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str
) -> None:
    # argparse reads these as values, not options: each is checked, in its place
    lists = tmp_path / "lists"
    lists.write_text("2.*\n")
    status, out, err = cli(capsys, "validate", "2.1", text, "-f", str(lists))
    assert status == 1
    assert out.splitlines() == ["<arg 1>: ok", "<arg 2>: invalid (1 error)", f"{lists}:1: ok"]
    assert "<arg 2>: error[unexpected-character] at offset 0" in err


def test_validate_an_attribute_as_the_kernel_wrote_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    version = tmp_path / "interface_version"
    version.write_bytes(b"2.1.3\n")
    compatible = tmp_path / "interface_version_compatible"
    compatible.write_bytes(b"2.0.*\n\n")
    status, out, err = cli(
        capsys, "validate", "--attribute", str(version), "--attribute", str(compatible)
    )
    assert status == 1
    assert out.splitlines() == [f"{version}: ok", f"{compatible}: invalid (1 error)"]
    assert "2.0.*\\n\\n" in err
    # the same reader as scan: a FIFO is refused, never waited on
    fifo = tmp_path / "fifo"
    import os

    os.mkfifo(fifo)
    status, _, err = cli(capsys, "validate", "--attribute", str(fifo))
    assert status == 2
    assert "not-a-file" in err


@pytest.mark.parametrize(
    ("side", "value"),
    [
        ("src", ["--src-compatible", "2.1+"]),
        ("dst", ["--dst-version", "2.1.3"]),
    ],
)
def test_compat_never_lets_a_value_stand_in_for_a_device(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, side: str, value: list[str]
) -> None:
    # the device's own attribute is invalid: no value given beside it may hide that
    bad, good = tmp_path / "bad", tmp_path / "good"
    for device, version, compatible in ((bad, "02.1.3", "02.1.0+"), (good, "2.1.3", "2.1+")):
        device.mkdir()
        (device / "interface_version").write_text(version + "\n")
        (device / "interface_version_compatible").write_text(compatible + "\n")
    devices = {"src": bad, "dst": good} if side == "src" else {"src": good, "dst": bad}
    args = ["--src", str(devices["src"]), "--dst", str(devices["dst"]), "--both-ways", *value]
    status, out, err = cli(capsys, "compat", *args)
    assert (status, out) == (2, "")
    assert f"error: --{side} DIR reads the device's attributes" in err


def test_compat_checks_every_input_before_printing(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = cli(
        capsys,
        "compat",
        "--src-version",
        "2.1.3",
        "--dst-compatible",
        "2.0.2-2.0.4,2.1.0+",
        "--both-ways",
    )
    assert (status, out) == (2, "")
    assert "usage: rangespec compat" in err
    status, out, err = cli(
        capsys,
        "compat",
        "--src-version",
        "2.1.3",
        "--dst-compatible",
        "2.*",
        "--dst-version",
        "2.1.3",
        "--src-compatible",
        "2.x",
        "--both-ways",
    )
    assert (status, out) == (2, "")
    assert "--src-compatible" in err


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (("validate", "2.x"), 1),
        (("validate",), 2),  # nothing to validate
        (("validate", "-f", "/nonexistent/file"), 2),
        (("validate", "--own-version", "x", "2.*"), 2),
        (("explain", "2.*"), 0),
        (("explain", "2.x"), 2),
        (("diff", "2.*", "2.1.*"), 0),
        (("diff", "--fail-on-drop", "2.*", "2.1.*"), 1),
        (("diff", "--fail-on-drop", "2.1.*", "2.*"), 0),
        (("compat", "--src-version", "2.1.3", "--dst-compatible", "2.1.0+"), 0),
        (("compat", "--src-version", "3.0", "--dst-compatible", "2.1.0+"), 1),
        (("compat", "--src-version", "3.0", "--dst-compatible", "2.1.0x"), 2),
        (("compat", "--src-version", "2.1.3"), 2),  # no destination
        (("scan", "--sysfs-root", "/nonexistent"), 2),
        (("policy", "semver", "2.1.3"), 0),
        (("policy", "semver", "2.1.x"), 2),
        (("policy", "strict", "2.1.3"), 2),
        (("fuzz", "--cmd", "'x"), 2),
        (("fuzz", "--cmd", "true", "--timeout", "nan"), 2),
        (("fuzz", "--cmd", "true", "--timeout", "inf"), 2),
        (("vectors", "--count", "-1"), 2),
        (("frobnicate",), 2),
        ((), 2),
        (("contains", "2.*"), 2),
        (("normalize",), 2),
    ],
)
def test_exit_codes(capsys: pytest.CaptureFixture[str], args: tuple[str, ...], status: int) -> None:
    got, _, err = cli(capsys, *args)
    assert got == status, err
    assert "Traceback" not in err
    if status == 2 and "error" in err and args:
        assert re.search(r"^rangespec( \w+)?: error: ", err, re.M), err


@pytest.mark.parametrize(
    "args",
    [
        ("contains", "2.*"),
        ("normalize",),
        ("validate", "--bogus"),
        ("compat", "--src-version", "1"),
        ("diff", "2.*"),
        ("scan", "extra"),
    ],
)
def test_usage_errors_show_the_commands_usage(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    status, _, err = cli(capsys, *args)
    assert status == 2
    assert err.startswith(f"usage: rangespec {args[0]} ")
    assert f"rangespec {args[0]}: error: " in err


COMMANDS = [
    "normalize",
    "contains",
    "filter",
    "validate",
    "explain",
    "diff",
    "compat",
    "scan",
    "policy",
    "vectors",
    "fuzz",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    status, out, _ = cli(capsys, command, "--help")
    assert status == 0
    assert out.startswith(f"usage: rangespec {command}")
    # every option says what it does
    options = re.findall(r"^  (--?[\w-]+(?:, --[\w-]+)?)( [A-Z{][^ ]*)?$", out, re.M)
    assert not options, f"options without a description: {options}"
    assert "--format" in out


def test_top_level_help(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(capsys, "--help")
    assert status == 0
    for command in COMMANDS:
        assert re.search(rf"^  {command} +\w", out, re.M), command
    assert max(map(len, out.splitlines())) <= 80


@pytest.mark.parametrize(
    "args",
    [
        ("normalize", "2.*"),
        ("contains", "2.*", "2.1"),
        ("filter", "2.*", "2.1"),
        ("validate", "2.*"),
        ("explain", "2.*"),
        ("diff", "2.*", "2.1.*"),
        ("compat", "--src-version", "2.1", "--dst-compatible", "2.*"),
        ("policy", "semver", "2.1.3"),
    ],
)
def test_every_command_writes_json_with_a_schema(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    status, out, _ = cli(capsys, *args, "--format", "json")
    assert status == 0
    assert json.loads(out)["schema"].startswith("rangespec.")
    # and a JSON error document when the input is invalid
    bad = [a if a not in ("2.*", "2.1.3") else "2.x" for a in args]
    status, out, _ = cli(capsys, *bad, "--format", "json")
    if args[0] == "validate":
        assert status == 1
        assert json.loads(out)["error"] is None
    else:
        assert status == 2
        document = json.loads(out)
        assert document["schema"] == "rangespec.error/1"
        assert document["error"]["code"] == "unexpected-character"


@pytest.mark.parametrize(
    "args",
    [
        ("scan", "--host", ""),
        ("compat", "--src-version", "2.1", "--dst-compatible", "2.*", "--both-ways"),
        ("vectors", "--count", "-1"),
        ("fleet", "destinations", "-", "--class", "mdev/x"),
    ],
)
def test_a_usage_error_under_json_is_a_json_error_document_too(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    status, out, err = cli(capsys, *args, "--format", "json")
    assert status == 2
    document = json.loads(out)
    assert document["schema"] == "rangespec.error/1"
    assert document["command"] == args[0]
    assert err.startswith("usage: rangespec ")  # and the usage, for people


def test_exit_code_table_in_the_docs_matches_the_code() -> None:
    text = DOCS.read_text(encoding="utf-8")
    table = text[text.index("| exit code |") :]
    rows = re.findall(r"^\| (\d+) \| ", table, re.M)
    assert sorted(int(r) for r in rows) == sorted(EXIT_CODES)


def test_colour_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    assert use_color(Terminal())
    assert not use_color(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(Terminal())
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert not use_color(Terminal())
    coloured = render_human(validate("2.x"), color=True)
    assert "\x1b[" in coloured
    assert "\x1b[" not in render_human(validate("2.x"), color=False)


def test_help_reads_well(capsys: pytest.CaptureFixture[str]) -> None:
    for command in COMMANDS:
        _, out, _ = cli(capsys, command, "--help")
        assert not re.search(r"\b(a|an|the) (a|an|the)\b", out), (command, out)
        assert max(map(len, out.splitlines())) <= 80, command


_PLAIN_TOKENS = st.sampled_from(["2.*", "2.1.3", "-", "x", "2.0.2-2.0.4,2.1.0+", "", " 2", "a b"])


@given(
    st.sampled_from(["normalize", "contains", "validate", "filter", "diff"]),
    st.lists(_PLAIN_TOKENS, max_size=5),
)
def test_plain_arguments_read_as_argparse_reads_them(name: str, argv: list[str]) -> None:
    from rangespec import cli as module

    plain = module._plain(name, argv)
    if plain is None:
        return
    parser = module._build(name)
    parse = parser.parse_intermixed_args if name == "validate" else parser.parse_args
    assert vars(plain) == vars(parse(argv))


def test_options_are_left_to_argparse() -> None:
    from rangespec import cli as module

    for argv in (["-q", "2.*", "2.1"], ["--", "-2"], ["2.*", "--format", "json"], ["--help"]):
        assert module._plain("contains", argv) is None
    assert module._plain("filter", ["2.*", "2.1"]) is None  # not one of the hot three


def test_only_a_rejection_of_the_input_is_reported_as_one() -> None:
    # RangeSpecError is caught as the ValueError it is; any other ValueError
    # is an internal error and goes on as it is
    from rangespec import RangeSpecError, parse
    from rangespec import cli as module

    with pytest.raises(RangeSpecError) as caught:
        parse("02")
    assert module._rejection(caught.value) is caught.value
    other = ValueError("not about the input")
    with pytest.raises(ValueError, match="not about the input") as again:
        module._rejection(other)
    assert again.value is other


def test_quiet_and_a_format_do_not_go_together(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = cli(capsys, "contains", "2.1.0+", "2.1.3", "--format", "json", "-q")
    assert (status, out) == (2, "")
    assert "-q/--quiet: not allowed with argument --format" in err


def test_a_file_that_cannot_be_read_is_named_in_the_json_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = str(tmp_path / "nosuch")
    status, out, _ = cli(capsys, "validate", "--format", "json", "2.1.0+", "-f", missing)
    assert status == 2
    error = json.loads(out)["error"]
    assert error["where"] == missing
    assert error["message"].startswith(f"{missing}: cannot be read: ")


def test_a_file_name_is_escaped_once(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    lists = tmp_path / "a\\b"
    lists.write_text("bad\n", encoding="utf-8")
    status, out, _ = cli(capsys, "validate", "-f", str(lists))
    assert status == 1
    assert out == f"{str(lists).replace(chr(92), chr(92) * 2)}:1: invalid (1 error)\n"
    status, out, _ = cli(capsys, "validate", "--format", "json", "-f", str(lists))
    assert json.loads(out)["results"][0]["source"] == f"{lists}:1"


def test_usage_errors_quote_a_huge_argument_in_part(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["validate", "-" + "x" * 100_000], ["x" * 100_000]):
        status, out, err = cli(capsys, *argv)
        assert (status, out) == (2, "")
        assert len(err) < 1000
        assert "(100" in err  # says how long it was
