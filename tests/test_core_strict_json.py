"""Strict JSON: a document that names a key twice is refused, wherever the twin hides."""

from __future__ import annotations

import json

import pytest
from druktemeter.plugin.core import strict_json
from hypothesis import given
from hypothesis import strategies as st


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('{"count": 3, "count": 40}', "count"),
        ('{"cells": [{"id": "a", "n": 1}, {"id": "b", "id": "c"}]}', "id"),
        ('{"a": {"b": {"c": 1, "c": 1}}}', "c"),  # even with equal values: the document is malformed
    ],
)
def test_a_key_named_twice_is_refused_at_any_depth(text, key):
    with pytest.raises(strict_json.DuplicateKeyError) as caught:
        strict_json.loads(text)
    assert caught.value.key == key
    assert isinstance(caught.value, ValueError)  # callers that catch bad JSON catch this too


def test_options_pass_through():
    assert strict_json.loads(b'{"a": 1.5}', parse_float=str) == {"a": "1.5"}


json_documents = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=15,
)


@given(json_documents)
def test_documents_without_twins_read_as_json_reads_them(document):
    text = json.dumps(document)
    assert strict_json.loads(text) == json.loads(text)
