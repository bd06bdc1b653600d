"""The order-preserving version key: string order is the version order, and it goes back.

The oracle is the naive model's ``cmp`` (zero-padded tuple comparison),
which shares no code with rangespec.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rangespec import Version, parse

from model import U64_MAX, V, cmp
from strategies import item_lists, text_of

# Components up to 2^64: the bound just past the largest a text can name.
wide_versions = st.lists(
    st.integers(0, 3) | st.sampled_from([U64_MAX, U64_MAX + 1]) | st.integers(0, U64_MAX + 1),
    min_size=1,
    max_size=5,
).map(tuple)


@given(wide_versions, wide_versions)
def test_key_order_is_version_order(a: V, b: V) -> None:
    ka, kb = Version(*a).order_key(), Version(*b).order_key()
    assert (ka > kb) - (ka < kb) == cmp(a, b)


@given(wide_versions)
def test_key_goes_back(a: V) -> None:
    version = Version(*a)
    key = version.order_key()
    assert Version.from_order_key(key) == version
    assert Version.from_order_key(key).order_key() == key
    # fixed width: 20 digits per component, '.' between
    assert all(len(part) == 20 for part in key.split("."))


@given(item_lists)
def test_every_bound_of_every_list_has_a_key(items: list[object]) -> None:
    for interval in parse(text_of(items)).intervals:  # type: ignore[arg-type]
        assert Version.from_order_key(interval.lower.order_key()) == interval.lower
        if interval.upper is not None:
            assert Version.from_order_key(interval.upper.order_key()) == interval.upper


def test_the_bound_just_past_the_largest_component() -> None:
    (interval,) = parse(f"2.{U64_MAX}.*").intervals
    assert interval.upper == Version(2, U64_MAX + 1)
    assert interval.upper.order_key() == "00000000000000000002.18446744073709551616"
    assert Version(2, U64_MAX).order_key() < interval.upper.order_key()
    assert interval.upper.order_key() < Version(3).order_key()


@pytest.mark.parametrize(
    "key",
    [
        "",
        "2",
        "00000000000000000002.",
        "00000000000000000002.00000000000000000000",
        "0000000000000000000\u0662",
        " 0000000000000000002",
        "000000000000000000002",
    ],
)
def test_only_exact_keys_go_back(key: str) -> None:
    with pytest.raises(ValueError, match="not a version order key"):
        Version.from_order_key(key)


def test_keys_have_limits() -> None:
    # every Version has a key: 2^64, its largest component, fits in 20 digits
    assert Version(2**64).order_key() == f"{2**64:020d}"
    # and a key of 20 digits above 2^64 is no Version's
    with pytest.raises(ValueError, match="not a version order key"):
        Version.from_order_key("9" * 20)
    with pytest.raises(TypeError):
        Version.from_order_key(2)  # type: ignore[arg-type]
