"""Tests for replylint.readers.jsonpos: json.loads-compatible values whose strings map back to source offsets."""

from __future__ import annotations

import copy
import json
import pickle
import random
import time

import pytest

from replylint.errors import ReplylintError
from replylint.readers.jsonpos import LocatedStr, loads_with_positions


def walk_strings(value):
    """Yield every string (values and keys) in a parsed document, without recursion."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            yield v
        elif isinstance(v, dict):
            for k, item in v.items():
                yield k
                stack.append(item)
        elif isinstance(v, list):
            stack.extend(v)


def assert_offsets_consistent(text, s, base=0):
    """Every decoded char's source slice decodes (as a JSON string body) to exactly that char."""
    assert isinstance(s, LocatedStr), repr(s)
    offs = s.source_offsets
    assert len(offs) == len(s) + 1
    assert text[offs[-1] - base] == '"'
    assert text[offs[0] - base - 1] == '"'  # opening quote right before the first char / closing quote
    for i, ch in enumerate(s):
        a, b = offs[i] - base, offs[i + 1] - base
        assert a < b
        piece = text[a:b]
        assert json.loads('"' + piece + '"') == ch, (s, i, piece)
        if piece[0] != "\\":
            assert piece == ch


DOCS = [
    "{}",
    "[]",
    '""',
    '"plain"',
    "0",
    "-0",
    "12345678901234567890123",
    "-1.5e-3",
    "1E+2",
    "0.0",
    "true",
    "false",
    "null",
    '  \r\n\t [ ] \n',
    '{"a": [], "b": {}, "c": [{}, [[]]], "": ""}',
    '[1, 2.5, -3, 4e10, "x", true, false, null, {"k": "v"}]',
    '{"nested": {"deeper": {"deepest": ["a", ["b", ["c"]]]}}}',
    '{"unicode": "caf\u00e9 \u65e5\u672c \U0001F600", "esc": "caf\\u00e9 \\ud83d\\ude00"}',
    r'{"escapes": "quote \" backslash \\ slash \/ b\b f\f n\n r\r t\t", "k\"ey": 1}',
    '{"lone": "\\ud800 and \\udc00 and \\ud83dx"}',
    '{"a":1,"b":[true,false,null],"c":{"d":"e\\nf"}}',
    json.dumps({"x": [1, {"y": "z\n"}], "w": "\u00e9"}, indent=2),
    json.dumps({"x": [1, {"y": "z\n"}], "w": "\u00e9"}, indent="\t", ensure_ascii=False),
    '{"dup": 1, "other": 2, "dup": 3}',
    '"\x7f"',  # DEL is not a control character for JSON
]


@pytest.mark.parametrize("doc", DOCS)
def test_same_values_as_json_loads(doc):
    result = loads_with_positions(doc)
    expected = json.loads(doc)
    assert result == expected
    assert json.dumps(result) == json.dumps(expected)  # also same key order and types
    for s in walk_strings(result):
        assert_offsets_consistent(doc, s)


def test_all_strings_and_keys_are_located_and_behave_like_str():
    doc = '{"greeting": ["hello", {"inner": "world"}], "n": 1}'
    result = loads_with_positions(doc)
    keys = list(result)
    assert all(type(k) is LocatedStr for k in keys)
    assert type(result["greeting"][0]) is LocatedStr
    assert type(result["greeting"][1]["inner"]) is LocatedStr
    assert type(result["n"]) is int
    # plain str lookups and hashing work
    assert result["greeting"][0] == "hello"
    assert hash(result["greeting"][0]) == hash("hello")
    assert {"hello": 1}[result["greeting"][0]] == 1
    assert result["greeting"][0].upper() == "HELLO"
    key = keys[0]
    assert doc[key.source_offsets[0]:key.source_offsets[-1]] == "greeting"


def test_offsets_after_escapes():
    text = '{"a": "x\\ny\\u00e9z"}'
    value = loads_with_positions(text)["a"]
    assert value == "x\nyéz"
    offs = value.source_offsets
    assert offs == (7, 8, 10, 11, 17, 18)
    assert text[offs[0]] == "x"
    assert text[offs[1]:offs[1] + 2] == "\\n"
    assert text[offs[2]] == "y"
    assert text[offs[3]:offs[3] + 6] == "\\u00e9"
    assert text[offs[4]] == "z"
    assert text[offs[5]] == '"'


def test_offsets_of_every_simple_escape():
    text = r'["a\"b\\c\/d\be\ff\ng\rh\ti"]'
    value = loads_with_positions(text)[0]
    assert value == 'a"b\\c/d\be\ff\ng\rh\ti'
    offs = value.source_offsets
    for i, ch in enumerate(value):
        if ch in "abcdefghi":
            assert text[offs[i]] == ch
        else:
            assert text[offs[i]] == "\\"
            assert offs[i + 1] - offs[i] == 2
    assert offs[-1] == len(text) - 2


def test_surrogate_pair_maps_to_first_backslash():
    text = '["a\\ud83d\\ude00b"]'
    value = loads_with_positions(text)[0]
    assert value == "a\U0001F600b"
    assert len(value) == 3
    assert value.source_offsets == (2, 3, 15, 16)
    assert text[3:15] == "\\ud83d\\ude00"
    assert text[value.source_offsets[2]] == "b"


def test_raw_astral_character_is_one_char_one_offset():
    text = '{"k": "\U0001F600!"}'
    value = loads_with_positions(text)["k"]
    assert value.source_offsets == (7, 8, 9)
    assert text[8] == "!"


def test_lone_surrogate_escapes_are_kept_like_json():
    text = '["\\ud83d\\u0041", "\\ude00"]'
    result = loads_with_positions(text)
    assert result == json.loads(text) == ["\ud83dA", "\ude00"]
    assert result[0].source_offsets == (2, 8, 14)
    assert result[1].source_offsets == (18, 24)


def test_key_offsets_point_into_source():
    text = '{\n  "first": 1,\n  "se\\u0063ond": 2\n}'
    keys = list(loads_with_positions(text))
    assert keys == ["first", "second"]
    first, second = keys
    assert text[first.source_offsets[0]] == "f"
    assert text[second.source_offsets[2]:second.source_offsets[3]] == "\\u0063"
    assert text[second.source_offsets[3]] == "o"


def test_empty_string_has_just_the_closing_quote():
    text = '{"": ""}'
    result = loads_with_positions(text)
    (key,) = result
    assert key.source_offsets == (2,)
    assert result[""].source_offsets == (6,)


def test_base_shifts_every_offset():
    line = '{"reply": "Hi\\n there", "id": "x"}'
    plain = loads_with_positions(line)
    shifted = loads_with_positions(line, base=1000)
    assert shifted == plain
    assert shifted["reply"].source_offsets == tuple(o + 1000 for o in plain["reply"].source_offsets)
    assert shifted["id"].source_offsets == tuple(o + 1000 for o in plain["id"].source_offsets)
    key = next(iter(shifted))
    assert key.source_offsets == tuple(o + 1000 for o in next(iter(plain)).source_offsets)


def test_base_with_jsonl_lines_maps_into_whole_file():
    records = [{"id": 1, "reply": "Sorry \u2014 we'll fix it"}, {"id": 2, "reply": 'He said "no"\nthen left'}]
    file_text = "\n".join(json.dumps(r) for r in records) + "\n"
    start = 0
    for line, record in zip(file_text.split("\n"), records):
        parsed = loads_with_positions(line, base=start)
        assert parsed == record
        reply = parsed["reply"]
        for i, ch in enumerate(reply):
            piece = file_text[reply.source_offsets[i]:reply.source_offsets[i + 1]]
            assert json.loads('"' + piece + '"') == ch
        start += len(line) + 1


def test_minified_and_pretty_give_same_values_and_consistent_offsets():
    macro = {"title": "Refund\tpolicy", "body": "We're sorry \u2014 \"really\".\n\nThanks!", "tags": ["a", "b"]}
    data = {"macros": [macro] * 3}
    for text in (json.dumps(data, separators=(",", ":")), json.dumps(data, indent=2, ensure_ascii=False)):
        result = loads_with_positions(text)
        assert result == data
        for s in walk_strings(result):
            assert_offsets_consistent(text, s)


def test_duplicate_keys_last_wins_and_key_comes_from_last_occurrence():
    text = '{"a": 1, "b": 2, "a": 3}'
    result = loads_with_positions(text)
    assert result == json.loads(text) == {"a": 3, "b": 2}
    assert list(result) == ["a", "b"]  # first position kept, like json.loads
    key_a = next(iter(result))
    assert key_a.source_offsets[0] == text.rindex('"a"') + 1


def test_deep_nesting_does_not_recurse():
    depth = 50_000
    result = loads_with_positions("[" * depth + '"x"' + "]" * depth)
    for _ in range(depth):
        assert isinstance(result, list) and len(result) == 1
        result = result[0]
    assert result == "x"
    obj = loads_with_positions('{"a":' * 20_000 + "1" + "}" * 20_000)
    for _ in range(20_000):
        obj = obj["a"]
    assert obj == 1
    with pytest.raises(ReplylintError) as info:
        loads_with_positions("[" * depth)
    assert info.value.line == 1


def test_big_integers_and_floats_match_json():
    text = "[123456789012345678901234567890, -0.0, 1e400, 2.5E-3, 0e0]"
    assert loads_with_positions(text) == json.loads(text)
    assert type(loads_with_positions("10")) is int
    assert type(loads_with_positions("1.0")) is float
    assert type(loads_with_positions("1e2")) is float


def test_error_carries_path_line_and_column():
    text = '{\n  "a": 1,\n  "b" 2\n}'
    with pytest.raises(ReplylintError) as info:
        loads_with_positions(text, path="macros.json")
    err = info.value
    assert err.path == "macros.json"
    assert err.line == 3
    assert err.message.startswith("column 7: ")
    assert "expected ':'" in err.message
    assert str(err).startswith("macros.json:3: column 7: ")


# Each case: (third line of a four-line document, expected message fragment, expected 1-based column)
ERROR_CASES = [
    ('  "c": [1, 2,]', "trailing comma before ']'", 13),
    ('  "c": {"d": 1,}', "trailing comma before '}'", 15),
    ("  'c': 1", "double quotes", 3),
    ('  "c": \'x\'', "double quotes", 8),
    ('  "c": NaN', "'NaN' is not valid JSON", 8),
    ('  "c": Infinity', "'Infinity' is not valid JSON", 8),
    ('  "c": -Infinity', "'-Infinity' is not valid JSON", 8),
    ('  "c": True', "did you mean 'true'", 8),
    ('  "c": undefined', "expected a value, found 'undefined'", 8),
    ('  // comment', "comments are not allowed", 3),
    ('  "c": 1 /* x */', "expected ',' or '}' after object member", 10),
    ('  "c": 012', "leading zeros", 8),
    ('  "c": -01', "leading zeros", 8),
    ('  "c": 1.', "invalid number", 8),
    ('  "c": .5', "invalid number", 8),
    ('  "c": +1', "invalid number", 8),
    ('  "c": -', "invalid number", 8),
    ('  "c": 1e', "invalid number", 8),
    ('  "c": 1.5.2', "invalid number", 8),
    ('  "c": "a\\qb"', "invalid escape '\\q'", 10),
    ('  "c": "a\\u12G4"', "invalid \\u escape", 10),
    ('  "c": "a\\u12"', "invalid \\u escape", 10),
    ('  "c": "a\tb"', "control character U+0009", 10),
    ('  "c": "a\x00b"', "control character U+0000", 10),
    ('  "c": "abc', "line break inside string", 12),
    ('  "c" 1', "expected ':' after object key", 7),
    ('  "c": 1 "d": 2', "expected ',' or '}' after object member, found '\"'", 10),
    ('  "c": [1 2]', "expected ',' or ']' after array element, found '2'", 11),
    ('  "c": [1,,2]', "expected a value, found ','", 11),
    ('  "c": }', "expected a value, found '}'", 8),
    ('  , "c": 1', "expected a string key, found ','", 3),
    ('  "c": 1}}', "unexpected '}' after the JSON value", 10),
    ('  "c": tru', "expected a value, found 'tru'", 8),
]


@pytest.mark.parametrize("third_line, fragment, column", ERROR_CASES)
def test_errors_report_line_and_column(third_line, fragment, column):
    text = '{\n  "a": "first line",\n' + third_line + "\n}\n"
    if "NaN" not in text and "Infinity" not in text:  # json.loads accepts those; RFC 8259 doesn't
        with pytest.raises(json.JSONDecodeError):
            json.loads(text)  # sanity: json rejects it too
    with pytest.raises(ReplylintError) as info:
        loads_with_positions(text, path="doc.json")
    err = info.value
    assert err.line == 3, err.message
    assert err.path == "doc.json"
    assert fragment in err.message
    assert err.message.startswith(f"column {column}: "), err.message


@pytest.mark.parametrize(
    "text, fragment, line",
    [
        ("", "expected a value, found end of input", 1),
        ("   \n  ", "expected a value, found end of input", 2),
        ('{"a": 1', "expected ',' or '}' after object member, found end of input", 1),
        ('[\n1,\n2', "expected ',' or ']' after array element, found end of input", 3),
        ('{\n"a":\n"never closed}', "unterminated string", 3),
        ('{\n"a":\n"ends in backslash\\', "unterminated string", 3),
        ('{"a": 1}\n\n{"b": 2}', "after the JSON value", 3),
        ("\ufeff{}", "byte order mark", 1),
        ("{\n\n\n  ]", "expected a string key or '}'", 4),
        ("[\n\n1\n]\n\n]", "after the JSON value", 6),
        ("\x0c{}", "expected a value, found U+000C", 1),  # form feed is not JSON whitespace
    ],
)
def test_other_errors(text, fragment, line):
    with pytest.raises(ReplylintError) as info:
        loads_with_positions(text)
    assert info.value.line == line
    assert info.value.path == "<json>"
    assert fragment in info.value.message


def test_error_line_ignores_base():
    with pytest.raises(ReplylintError) as info:
        loads_with_positions('{"a": 1,\n "b": ]}', base=5000, path="t.jsonl")
    assert info.value.line == 2
    assert info.value.path == "t.jsonl"


def test_number_too_long_is_a_replylint_error():
    with pytest.raises(ReplylintError, match="number too long"):
        loads_with_positions("[" + "9" * 5000 + "]")


def test_located_str_constructor_pickle_and_copy():
    s = LocatedStr("ab", source_offsets=(3, 4, 5))
    assert s == "ab" and s.source_offsets == (3, 4, 5)
    with pytest.raises(ValueError):
        LocatedStr("ab", source_offsets=(1, 2))
    with pytest.raises(AttributeError):
        LocatedStr("ab").source_offsets
    parsed = loads_with_positions('["x\\ty", "plain"]', base=10)
    for original in parsed:
        for clone in (pickle.loads(pickle.dumps(original)), copy.copy(original), copy.deepcopy(original)):
            assert type(clone) is LocatedStr
            assert clone == original
            assert clone.source_offsets == original.source_offsets
    assert b"plain" not in pickle.dumps(parsed[0])  # an escaped string doesn't drag the source text along


# --- property test: random documents vs json.loads ----------------------------------------

_ALPHABET = (
    list("abcxyz ABC 0123456789.,!?'") + ['"', "\\", "/", "\n", "\r", "\t", "\b", "\f", "\x00", "\x1f", "\x7f"]
    + ["\u00e9", "\u00fc", "\u2014", "\u201c", "\u65e5", "\ufeff", "\U0001F600", "\U0001F44D", "\u0301"]
)


def _random_string(rnd):
    n = rnd.choice([0, 1, 2, 5, 12, 40])
    if rnd.random() < 0.4:  # escape-free in any dump mode
        return "".join(rnd.choice("abcdefg hijk XYZ 0189-_.,:;{}[]") for _ in range(n))
    return "".join(rnd.choice(_ALPHABET) for _ in range(n))


def _random_value(rnd, depth=0):
    kinds = ["str", "int", "float", "bool", "null"]
    if depth < 4:
        kinds += ["list", "dict"] * 2
    kind = rnd.choice(kinds)
    if kind == "str":
        return _random_string(rnd)
    if kind == "int":
        return rnd.choice([0, -1, 7, rnd.randint(-10**6, 10**6), rnd.randint(-10**30, 10**30)])
    if kind == "float":
        return rnd.choice([0.5, -2.25, 1e-7, 3.0e21, rnd.uniform(-1e6, 1e6), -0.0])
    if kind == "bool":
        return rnd.random() < 0.5
    if kind == "null":
        return None
    if kind == "list":
        return [_random_value(rnd, depth + 1) for _ in range(rnd.randint(0, 4))]
    return {_random_string(rnd): _random_value(rnd, depth + 1) for _ in range(rnd.randint(0, 4))}


@pytest.mark.parametrize("seed", range(6))
def test_random_documents_match_json_and_offsets_are_exact(seed):
    rnd = random.Random(seed)
    checked_plain = 0
    for _ in range(60):
        value = _random_value(rnd)
        for ensure_ascii in (True, False):
            for indent in (None, 2):
                text = json.dumps(value, ensure_ascii=ensure_ascii, indent=indent)
                base = rnd.choice([0, 0, 17, 123456])
                result = loads_with_positions(text, base=base)
                assert result == json.loads(text)
                for s in walk_strings(result):
                    assert isinstance(s, LocatedStr)
                    offs = s.source_offsets
                    assert len(offs) == len(s) + 1
                    assert text[offs[-1] - base] == '"'
                    if text[offs[0] - base - 1:offs[-1] - base] == '"' + s:  # no escapes at all
                        checked_plain += 1
                        for i, ch in enumerate(s):
                            assert text[offs[i] - base] == ch
                    else:
                        assert_offsets_consistent(text, s, base)
    assert checked_plain > 50


def _reject_constant(name):
    raise ValueError(name)  # json.loads accepts NaN/Infinity; RFC 8259 (and we) don't


def test_mutated_documents_accepted_or_rejected_exactly_like_json():
    rnd = random.Random(2024)
    pieces = ['"', "\\", ",", ":", "[", "]", "{", "}", " ", "\n", "0", "-", ".", "e", "\\u", "d83d", "'", "\t",
              "\x00", "/", "tru", "1"]
    outcomes = {True: 0, False: 0}
    for _ in range(1500):
        text = json.dumps(_random_value(rnd), ensure_ascii=rnd.random() < 0.5, indent=rnd.choice([None, 1]))
        for _ in range(rnd.randint(1, 3)):
            i = rnd.randint(0, len(text))
            op = rnd.random()
            if op < 0.4:
                text = text[:i] + text[i + 1:]
            elif op < 0.8:
                text = text[:i] + rnd.choice(pieces) + text[i:]
            else:
                text = text[:i] + rnd.choice(pieces) + text[i + 1:]
        try:
            expected = json.loads(text, parse_constant=_reject_constant)
        except ValueError:
            with pytest.raises(ReplylintError) as info:
                loads_with_positions(text)
            assert 1 <= info.value.line <= text.count("\n") + 1
            assert info.value.message.startswith("column ")
            outcomes[False] += 1
        else:
            result = loads_with_positions(text)
            assert result == expected
            for s in walk_strings(result):
                assert_offsets_consistent(text, s)
            outcomes[True] += 1
    assert outcomes[True] > 100 and outcomes[False] > 100


def test_large_document_parses_quickly():
    rnd = random.Random(42)
    words = ["hello", "thanks", "sorry", "refund", "order", "caf\u00e9", "\U0001F600", "line\nbreak", 'say "hi"']
    macros = [
        {"id": i, "title": " ".join(rnd.choices(words, k=5)), "body": " ".join(rnd.choices(words, k=80)),
         "tags": rnd.choices(words, k=3), "active": i % 2 == 0, "score": i / 7}
        for i in range(6000)
    ]
    text = json.dumps({"macros": macros}, indent=2)
    assert len(text) > 4_000_000
    start = time.perf_counter()
    result = loads_with_positions(text)
    elapsed = time.perf_counter() - start
    assert result == json.loads(text)
    assert elapsed < 10, f"parsing {len(text)} chars took {elapsed:.2f}s"  # ~0.5s expected; guards against blowups
    body = result["macros"][-1]["body"]
    assert_offsets_consistent(text, body)
