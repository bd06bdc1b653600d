"""rangespec fuzz: it passes a correct implementation, finds planted bugs on
small examples, shrinks with explicit passes, runs programs once per
request, and the docs' C template and bug catalogue are what they say.
(Hostile programs: tests/test_fuzz_hostile.py; the full mutation score,
every planted bug at 1000 examples: fuzz/mutation_score.py.)"""

from __future__ import annotations

import importlib.util
import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, cast
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rangespec import RangeSpecError, parse, parse_version
from rangespec import fuzz as fuzz_module
from rangespec._fuzz_program import Program
from rangespec._fuzz_shrink import Example, simpler
from rangespec._generate import near_misses
from rangespec.cli import main
from rangespec.fuzz import Finding, _Search, fuzz
from rangespec.strategies import probe_versions, range_texts

# The programs fuzzed here are adapters, not rangespec (conftest.py).
pytestmark = pytest.mark.usefixtures("unmeasured_children")

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"
DOCS = (ROOT / "docs" / "fuzzing.md").read_text(encoding="utf-8")


def _adapter(name: str, *args: str) -> str:
    return shlex.join([sys.executable, str(EXAMPLES / name), *args])


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    status = main(["fuzz", *args])
    out, err = capsys.readouterr()
    assert not any(line.startswith("Traceback") for line in (out + err).splitlines())
    return status, out.splitlines()


def _request(report: list[str]) -> dict[str, Any]:
    line = next(line for line in report if line.startswith("  request: "))
    shown, _ = json.JSONDecoder().raw_decode(line.removeprefix("  request: "))
    assert isinstance(shown, dict)
    return shown


# -- through the command -----------------------------------------------------------


def test_a_correct_implementation_passes(capsys: pytest.CaptureFixture[str]) -> None:
    status, out = _run(capsys, "--cmd", _adapter("adapter_rangespec.py"), "--max-examples", "150")
    assert status == 0
    assert out == ["the program agreed with rangespec on 150 examples"]


@pytest.mark.parametrize(
    ("bug", "says", "shown"),
    [
        (
            "leading-zeros",
            "validity of '00': rangespec says invalid (leading-zero at offset 0), "
            "the program says valid",
            {"op": "parse", "text": "00"},
        ),
        (
            "plus-uncapped",
            "membership of '1' in '0+': rangespec says no, the program says yes",
            {"op": "contains", "text": "0+", "version": "1"},
        ),
        (
            # Hypothesis alone stalled here on a 90-character list
            "wildcard-string-prefix",
            "membership of '10' in '1.*': rangespec says no, the program says yes",
            {"op": "contains", "text": "1.*", "version": "10"},
        ),
    ],
)
def test_planted_bugs_are_found_on_the_smallest_example(
    bug: str, says: str, shown: dict[str, str]
) -> None:
    # As a command, in a process of its own: Hypothesis also draws literals
    # from the local modules a process has imported, so in this test process
    # the same seed would try other inputs depending on the tests run before.
    cmd = _adapter("adapter_buggy.py", "--bug", bug)
    done = subprocess.run(
        [sys.executable, "-m", "rangespec", "fuzz", "--cmd", cmd, "--max-examples", "1000"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    status, out = done.returncode, done.stdout.splitlines()
    assert "Traceback" not in done.stderr
    assert status == 1
    assert out[:2] == ["disagreement, on the smallest input found:", f"  {says}"]
    assert _request(out) == shown
    assert not any(line.startswith("  note:") for line in out)  # it recurs; shrinking ended


def test_json_holds_the_finding_and_stdout_nothing_else(
    capsys: pytest.CaptureFixture[str],
) -> None:
    cmd = _adapter("adapter_buggy.py", "--bug", "leading-zeros")
    status = main(["fuzz", "--cmd", cmd, "--max-examples", "1000", "--format", "json"])
    out, err = capsys.readouterr()
    assert status == 1
    document = json.loads(out)  # the whole of stdout is the one document
    assert document["schema"] == "rangespec.fuzz/1"
    assert (document["program"], document["max_examples"]) == (shlex.split(cmd), 1000)
    finding = document["finding"]
    assert (finding["kind"], finding["text"], finding["version"]) == ("disagreement", "00", None)
    assert json.loads(finding["request"]) == {"op": "parse", "text": "00"}
    assert json.loads(finding["answer"]) == {"valid": True}
    # an agreeing program: no finding, exit 0; the progress note goes to stderr
    cmd = _adapter("adapter_rangespec.py")
    status = main(["fuzz", "--cmd", cmd, "--max-examples", "20", "--format", "json"])
    out, err = capsys.readouterr()
    assert (status, json.loads(out)["finding"]) == (0, None)
    assert "agreed with rangespec on 20 examples" in err


@pytest.mark.parametrize("option", [["--no-shrink"], ["--shrink-time", "0"]])
def test_the_first_failure_is_reported_with_no_shrink(
    capsys: pytest.CaptureFixture[str], option: list[str]
) -> None:
    cmd = _adapter("adapter_buggy.py", "--bug", "leading-zeros")
    status, out = _run(capsys, "--cmd", cmd, "--max-examples", "1000", *option)
    assert status == 1
    assert out[0] == "disagreement, on the first input found:"
    assert re.search(r"(^|[^0-9])0[0-9]", _request(out)["text"])
    assert not any(line.startswith("  note:") for line in out)  # no shrinking to be cut short


def test_progress_goes_to_stderr_and_the_result_to_stdout(
    capsys: pytest.CaptureFixture[str],
) -> None:
    cmd = _adapter("adapter_buggy.py", "--bug", "leading-zeros")
    with mock.patch.object(fuzz_module, "_PROGRESS_EVERY", 0.0):  # a note per example
        status = main(["fuzz", "--cmd", cmd, "--max-examples", "1000"])
    out, err = capsys.readouterr()
    assert status == 1
    assert out.startswith("disagreement, on the smallest input found:\n")
    notes = err.splitlines()
    assert notes
    assert notes[0] == "1 example tried so far, all agreed"
    assert notes[-1].startswith("a disagreement after ")
    assert notes[-1].endswith(": looking for a smaller input (at most 30 s, --shrink-time)")


@pytest.mark.parametrize("missing", ["hypothesis", "lark"])
def test_fuzz_says_what_to_install(missing: str) -> None:
    program = (
        f"import sys; sys.modules[{missing!r}] = None\n"
        "from rangespec.cli import main\n"
        "sys.exit(main(['fuzz', '--cmd', 'true']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "pip install 'rangespec[hypothesis]'" in done.stderr


def _once(tmp_path: Path, answering: str) -> str:
    """The command line of an adapter that reads one request to the end of
    its input, then answers it with the line ``answering``."""
    once = tmp_path / "once.py"
    once.write_text(
        "import json, sys\n"
        f"sys.path.insert(0, {str(EXAMPLES)!r})\n"
        "from adapter_rangespec import answer\n"
        "request = json.loads(sys.stdin.read())\n"
        f"{answering}\n",
        encoding="utf-8",
    )
    return shlex.join([sys.executable, str(once)])


def test_cmd_per_request_starts_the_program_for_each_request(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # one request on stdin, one answer: an adapter with no loop of its own
    # (no id: allowed per request)
    once = _once(tmp_path, "print(json.dumps(answer(request)))")
    status, out = _run(capsys, "--cmd-per-request", once, "--max-examples", "5")
    assert (status, out) == (0, ["the program agreed with rangespec on 5 examples"])


def test_cmd_per_request_takes_an_answer_ended_by_the_end_of_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # no newline: the end of its output ends the answer
    once = _once(tmp_path, "sys.stdout.write(json.dumps(answer(request)))")
    status, out = _run(capsys, "--cmd-per-request", once, "--max-examples", "3")
    assert (status, out) == (0, ["the program agreed with rangespec on 3 examples"])


def test_cmd_per_request_finds_a_bug(capsys: pytest.CaptureFixture[str]) -> None:
    # reads one line, says every text is valid (and nothing more), exits
    says_valid = 'read line; echo \'{"valid": true, "canonical": "", "contains": false}\''
    status, out = _run(capsys, "--cmd-per-request", shlex.join(["sh", "-c", says_valid]))
    assert status == 1
    assert out[0] == "disagreement, on the smallest input found:"
    assert len(_request(out)["text"]) <= 1


# -- the library ---------------------------------------------------------------------


def test_a_finding_holds_the_whole_input() -> None:
    cmd = [sys.executable, str(EXAMPLES / "adapter_buggy.py"), "--bug", "plus-uncapped"]
    finding = fuzz(cmd, max_examples=300, note=print)
    assert isinstance(finding, Finding)
    assert (finding.kind, finding.version) == ("disagreement", "1")
    assert finding.text in ("0+", "0-")  # A- is A+ spelled the old way
    assert finding.request == f'{{"op": "contains", "text": "{finding.text}", "version": "1"}}'
    assert finding.answer == '{"contains": true}'
    assert finding.report().splitlines()[0] == "disagreement, on the smallest input found:"


# -- the examples and their variants ----------------------------------------------------


@given(range_texts(), st.data())
def test_every_near_miss_of_a_text_fails_where_it_says(text: str, data: st.DataObject) -> None:
    body = text.removesuffix("\n")
    items = body.split(",") if body else []
    misses = near_misses(lambda lo, hi: data.draw(st.integers(lo, hi)), items)
    assert misses
    for bad in misses:
        with pytest.raises(RangeSpecError) as caught:
            parse(bad.text)
        assert (caught.value.code, caught.value.offset) == (bad.code, bad.offset), bad


class _InProcess:
    """The buggy adapter as a program, answering in this process."""

    def __init__(self, bug: str) -> None:
        self.module = _buggy()
        setattr(self.module, "BUG", bug)  # noqa: B010 - a module loaded from a path
        self.asked: list[dict[str, Any]] = []

    def ask(self, request: dict[str, Any], deadline: float | None = None) -> dict[str, Any]:
        self.asked.append(request)
        answer: dict[str, Any] = self.module.answer(request)
        return answer


def _outcome(bug: str, example: Example) -> tuple[Example | None, list[dict[str, Any]]]:
    program = _InProcess(bug)
    found = _Search(cast(Program, program), None, print).outcome(example)
    return (None if found is None else found.example), program.asked


def test_a_failure_on_a_variant_is_reported_on_that_variant_alone() -> None:
    crlf, doubled = Example("1\r\n", ()), Example("1\n\n", ())
    example = Example("1", ("1",), (doubled, crlf))
    assert _outcome("crlf", example)[0] == crlf
    assert _outcome("newlines-stripped", example)[0] == doubled
    # the text itself first: its failure is reported without the variants
    assert _outcome("leading-zeros", Example("01", (), (crlf,)))[0] == Example("01", ())


def test_every_variant_is_asked_when_all_agree() -> None:
    example = Example("1", ("1",), (Example("1\r\n", ()), Example("1.*,10", ("10",))))
    found, asked = _outcome("none", example)
    assert found is None
    assert {"op": "parse", "text": "1\r\n"} in asked
    assert {"op": "contains", "text": "1.*,10", "version": "10"} in asked


# -- the explicit shrinking passes ---------------------------------------------------------


@st.composite
def _examples(draw: st.DrawFn) -> Example:
    text = draw(range_texts() | st.text(max_size=12))
    try:
        parse(text)
    except RangeSpecError:
        return Example(text, ())
    probes = draw(st.lists(probe_versions(text).map(str), max_size=3))
    return Example(text, tuple(probes))


@settings(max_examples=60)
@given(_examples())
def test_every_candidate_is_smaller_with_valid_probes(example: Example) -> None:
    version = example.probes[0] if example.probes else None
    candidates = simpler(example, version)
    assert all(c.size() < example.size() for c in candidates)
    assert [c.size() for c in candidates] == sorted(c.size() for c in candidates)
    for candidate in candidates:
        for probe in candidate.probes:
            parse_version(probe)


@pytest.mark.parametrize(
    ("example", "version", "smaller"),
    [
        # a digit replaced everywhere: the string prefix stays shared
        (Example("2.1.*", ("2.10",)), "2.10", Example("1.1.*", ("1.10",))),
        # a component dropped everywhere
        (Example("2.1.*", ("2.10",)), "2.10", Example("1.*", ("10",))),
        # an item dropped, the other probes dropped
        (Example("3.0.1,0+", ("1", "2.5")), "1", Example("0+", ("1",))),
        # a known small witness, with a version around its bounds
        (Example("2.0.0-2.0.4,2.0.5-2.0.6", ()), None, Example("2,", ())),
    ],
)
def test_the_passes_propose(example: Example, version: str | None, smaller: Example) -> None:
    assert smaller in simpler(example, version)


# -- the C template in docs/fuzzing.md ---------------------------------------------------


_CFLAGS = ["-std=c11", "-D_POSIX_C_SOURCE=200809L", "-Wall", "-Wextra", "-Werror", "-O2"]


@pytest.fixture(scope="module")
def c_adapter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler")
    source = re.search(r"```c\n(.*?)```", DOCS, re.S)
    assert source is not None
    folder = tmp_path_factory.mktemp("c")
    (folder / "adapter.c").write_text(source.group(1), encoding="utf-8")
    binary = folder / "adapter"
    done = subprocess.run(
        [compiler, *_CFLAGS, "-o", str(binary), str(folder / "adapter.c")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return binary


def test_the_c_template_decodes_every_escape(c_adapter: Path) -> None:
    # its placeholder canonical() echoes the text: the decoding shows
    text = 'a\u00e9\U0001f600"\\\n/\x01\t'
    requests = [
        {"id": 3, "op": "canonical", "text": text},
        {"id": 4, "op": "parse", "text": "\u00e92"},
        {"id": 5, "op": "contains", "text": "2.1", "version": "2"},
    ]
    done = subprocess.run(
        [str(c_adapter)],
        input="".join(json.dumps(r) + "\n" for r in requests),
        capture_output=True,
        text=True,
        check=True,
        timeout=10,
    )
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert answers == [
        {"id": 3, "canonical": text},
        {"id": 4, "valid": False, "offset": 0},
        {"id": 5, "contains": False},
    ]


@pytest.mark.parametrize("option", ["--cmd", "--cmd-per-request"])
def test_the_c_template_speaks_the_protocol(
    capsys: pytest.CaptureFixture[str], c_adapter: Path, option: str
) -> None:
    # its placeholders answer (wrongly) in the protocol: a disagreement, not
    # a malformed answer or a crash
    status, out = _run(capsys, option, str(c_adapter), "--max-examples", "20")
    assert status == 1
    assert out[0] == "disagreement, on the smallest input found:"


# -- the catalogue of planted bugs in docs/fuzzing.md ---------------------------------------


def _buggy() -> ModuleType:
    spec = importlib.util.spec_from_file_location("adapter_buggy", EXAMPLES / "adapter_buggy.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _catalogue() -> list[tuple[str, str, str | None]]:
    """(bug, text, version) for each row of the docs' table."""
    table = DOCS[DOCS.index("| `--bug` | the mistake |") :]
    rows = []
    for line in table.splitlines()[2:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        spans = [json.loads(f'"{span}"') for span in re.findall(r"`([^`]*)`", cells[2])]
        if cells[2].startswith("4096 characters"):
            spans = ["1," * 2047 + "10\n"]
        rows.append((cells[0].strip("`"), spans[0], spans[1] if len(spans) > 1 else None))
    return rows


def test_the_catalogue_lists_every_bug_once() -> None:
    documented = [bug for bug, _, _ in _catalogue()]
    assert sorted(documented) == sorted(set(_buggy().BUGS) - {"none"})


def _answers(bug: str, text: str, version: str | None) -> dict[str, Any]:
    module = _buggy()
    setattr(module, "BUG", bug)  # noqa: B010 - a module loaded from a path: no static type
    answers = {"parse": module.answer({"op": "parse", "text": text})}
    if answers["parse"]["valid"]:
        answers["canonical"] = module.answer({"op": "canonical", "text": text})
        if version is not None:
            request = {"op": "contains", "text": text, "version": version}
            answers["contains"] = module.answer(request)
    return answers


def _rangespec(text: str, version: str | None) -> dict[str, Any]:
    try:
        s = parse(text)
    except RangeSpecError as err:
        return {"parse": {"valid": False, "offset": err.offset, "code": err.code.value}}
    answers: dict[str, Any] = {"parse": {"valid": True}, "canonical": {"canonical": s.to_text()}}
    if version is not None:
        answers["contains"] = {"contains": version in s}
    return answers


@pytest.mark.parametrize(("bug", "text", "version"), _catalogue(), ids=lambda v: str(v)[:20])
def test_each_documented_witness_shows_its_bug(bug: str, text: str, version: str | None) -> None:
    assert _answers("none", text, version) == _rangespec(text, version)
    assert _answers(bug, text, version) != _rangespec(text, version)
