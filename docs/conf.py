"""Sphinx configuration: the API reference from docstrings, and the Markdown docs.

make docs builds it into docs/_build/html with warnings as errors.
"""

from __future__ import annotations

import rangespec

project = "rangespec"
author = "the rangespec developers"
release = rangespec.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",  # the Google-style "Raises:" and "Attributes:" sections
    "sphinx.ext.viewcode",
    "myst_parser",
]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]
myst_heading_anchors = 3
suppress_warnings = [
    "myst.xref_missing",
    # The JSON layouts (rangespec.schemas) have fields named "list", which make
    # every builtin `list` in a type hint an ambiguous reference.
    "ref.python",
    # The SQL in fleet.md takes parameters as `$name` (SQLite and DuckDB), which
    # Pygments' SQL lexer does not know; it highlights them in relaxed mode.
    "misc.highlighting_failure",
]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False

html_theme = "alabaster"
html_title = f"rangespec {release}"
