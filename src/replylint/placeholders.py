"""Template placeholders in a draft ({{ customer.first_name }}, {% if %}, [Customer Name], ...).

Found once per draft; before spaCy sees the text each becomes a neutral stand-in of its kind, padded to the same
length so offsets never move.

Recognised syntaxes (``Placeholder.syntax``):

- ``liquid`` / ``jinja`` / ``handlebars``: ``{{ var }}`` with filters and defaults (``| default: "there"``,
  ``| fallback: 'there'``, ``|default("there")``, ``or "there"``), ``{{{ raw }}}``, ``{{#if x}}`` / ``{{else}}`` /
  ``{{/if}}`` and the other Handlebars block helpers, partials and ``{{! comments }}``, ``{% ... %}`` tags
  (``{% comment %}...{% endcomment %}`` and ``{# ... #}`` whole, body included; the text of ``{% raw %}`` blocks is
  literal and is not searched). ``{{ var }}`` with nothing telling the dialects apart is called ``liquid`` unless
  the draft uses Handlebars block helpers or Jinja-only syntax elsewhere. ``{{ }}`` is an empty blank; braces
  around no variable at all (``{{1}}``, ``{{{1}}}``: wiki templates) are not placeholders.
- ``helpscout``: ``{%customer.firstName,fallback=there%}`` (a dotted variable straight after ``{%``).
- ``mailchimp``: ``*|FNAME|*``, ``*|IF:FNAME|*`` ... ``*|ELSE:|*`` ... ``*|END:IF|*``.
- ``percent``: ``%FIRSTNAME%`` (capitals, not a Windows variable such as ``%APPDATA%``) and ``%%FirstName%%``.
- ``single-brace``: ``{name}``, ``{order_number}``, ``${first_name}`` and short word blanks such as
  ``{app/site}`` or ``{brief steps tried}`` (letters first, at most 8 words and 60 characters, no quotes, colons,
  semicolons or brackets: never JSON, code or ``{{``).
- ``bracket``: ``[Customer Name]``, ``[NAME]``, ``[insert date]``, ``[order #]``, ``[XX]``, ``[link]``; see
  :func:`_bracket_blank` for the heuristic that keeps out Markdown links, footnotes, checkboxes and bracketed prose.
- ``intercom`` is never produced here: the HTML reader turns ``<attribute key=... default=.../>`` into Liquid.

Fallbacks: ``fallback`` is the text a missing value is replaced by, or None when a missing value would leave a hole
("Hi ,"). An empty or blank default (``default: ""``, ``,fallback=%}``) therefore counts as *no* fallback. A
variable inside ``{% if var %}`` / ``{{#if var}}`` / ``*|IF:VAR|*`` gets the else branch's text as its fallback; with
no (or an empty) else branch it gets ``""`` when the branch holds other text too (the whole greeting disappears:
``{% if name %}Hi {{ name }},{% endif %}``) and stays None when the branch is the variable alone
(``Hi {% if name %}{{ name }}{% endif %},`` still renders "Hi ,").
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, replace

KINDS = ("name", "agent", "company", "order", "date", "link", "email", "phone", "other", "tag")


@dataclass(frozen=True)
class Placeholder:
    """A placeholder at draft characters [start, end).

    ``kind`` is one of KINDS ("tag" is template logic such as ``{% if %}``, which stands in as blank space);
    ``variable`` the variable it names (None for tags), ``fallback`` its default text (None when it has none, see
    the module docstring), ``syntax`` one of liquid, handlebars, jinja, helpscout, intercom, mailchimp, percent,
    single-brace, bracket.
    """

    start: int
    end: int
    kind: str
    syntax: str
    variable: str | None = None
    fallback: str | None = None


# --- finding ---------------------------------------------------------------------------------------------------------

_CANDIDATE = re.compile(r"\{|\[|%[A-Z%]|\*\|")  # where a placeholder may start; everything else is skipped
_DOUBLE = re.compile(r"\{\{(?P<body>(?:(?!\{\{|\}\})[^\x00]){0,500})\}\}", re.S)
_TRIPLE = re.compile(r"\{\{\{(?P<body>[^{}]{0,500})\}\}\}")
_TAG = re.compile(r"\{%(?P<body>(?:(?!%\}|\{%)[^\x00]){0,500})%\}", re.S)
_SINGLE = re.compile(r"\$?\{[ \t]*(?P<body>[A-Za-z_][\w.'’&+/, \t-]{0,59}?)[ \t]*\}(?!\})")
_BRACKET = re.compile(r"\[(?P<body>[^\[\]{}%|*\n]{1,50})\](?![(\[])")
_LINK_DEFINITION = re.compile(r"[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S")  # [ref]: https://...
_MAILCHIMP = re.compile(r"\*\|(?P<body>[A-Za-z0-9_:\- ]{1,60})\|\*")
_PERCENT = re.compile(r"(?:%%(?P<pp>[A-Za-z_][\w.]{0,40})%%|%(?P<p>[A-Z][A-Z0-9_]{1,40})%)(?![\w%\\/])")
_END = {  # the closing tag of blocks whose body is not searched
    "comment": re.compile(r"\{%[-~]?\s*endcomment\s*[-~]?%\}"),
    "raw": re.compile(r"\{%[-~]?\s*endraw\s*[-~]?%\}"),
}
_COMMENT_LIMIT = 2000  # {# ... #} and {{! ... }} longer than this are not comments

_WINDOWS_VARS = frozenset("""APPDATA LOCALAPPDATA TEMP TMP USERPROFILE PROGRAMFILES PROGRAMDATA WINDIR SYSTEMROOT
    SYSTEMDRIVE PATH PATHEXT HOMEPATH HOMEDRIVE USERNAME USERDOMAIN COMPUTERNAME ALLUSERSPROFILE COMSPEC OS PUBLIC
    ERRORLEVEL PROCESSOR_ARCHITECTURE NUMBER_OF_PROCESSORS""".split())

_IDENT_PATH = re.compile(r"[A-Za-z_@][\w-]*(?:\.[A-Za-z_@][\w-]*|\.\d+|\[\d+\]|\[['\"][^'\"\]]+['\"]\])*")
_SIMPLE_IDENT = re.compile(r"[A-Za-z_][\w]*(?:\.[\w]+)*\Z")
_QUOTED = r"""(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|“(?P<cq>[^”]*)”|‘(?P<csq>[^’]*)’|(?P<bare>[^\s|}),'"]+))"""
_FALLBACK = re.compile(rf"(?:\b(?:default|fallback)\s*[:=(]\s*|\bd\s*\(\s*|\bor\s+){_QUOTED}", re.I)
_HELPER_FALLBACK = re.compile(rf"^\s*(?:default|fallback|or)\s+(?P<var>\S+)\s+{_QUOTED}", re.I)
_HELPSCOUT = re.compile(r"\s*(?P<var>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)\s*(?:,\s*fallback\s*=(?P<fb>.*))?\Z", re.S)
_TAG_WORD = re.compile(r"\s*(?P<word>[A-Za-z_]+)\b\s*(?P<rest>.*?)\s*\Z", re.S)

_JINJA_HINT = re.compile(r"\{#|\{%[-~]?\s*(?:elif|set|block|macro|extends|endmacro|endblock|filter)\b"
                         r"|\|\s*d(?:efault)?\(")
_HANDLEBARS_HINT = re.compile(r"\{\{~?[#/^>]|\{\{\{")
_JINJA_FILTER = re.compile(r"\|\s*\w+\s*\(|\bor\s")
_LIQUID_FILTER = re.compile(r"\|\s*\w+\s*:")

# Block structure of template logic, for the if-guard fallbacks.
_BLOCK_OPENERS = frozenset("if unless for each with case capture macro block filter call tablerow".split())
_CONDITION_NOISE = frozenset("""and or not is in contains blank empty nil null none true false defined present
    undefined size length""".split())
_MAX_GUARDED_BLOCKS = 200  # more if-blocks than any real template: the rest are not analysed (bounded work)


def find_placeholders(text: str) -> list[Placeholder]:
    """Placeholders in ``text``, in order, not overlapping."""
    if "{" not in text and "[" not in text and "%" not in text and "*|" not in text:
        return []
    hint = "liquid"
    if "{{" in text or "{%" in text or "{#" in text:
        hint = "handlebars" if _HANDLEBARS_HINT.search(text) else "jinja" if _JINJA_HINT.search(text) else "liquid"
    found: list[Placeholder] = []
    logic: list[tuple[int, str, tuple[str, ...]]] = []  # (index in found, role, details)
    no_end: set[str] = set()  # block ends already known to be missing from the rest of the text
    closers: dict[str, int] = {}  # closer -> its next position (-1: none left), so unclosed openers stay linear

    def find_closer(closer: str, start: int) -> int:
        j = closers.get(closer, start - 1)
        if j != -1 and j < start:
            j = closers[closer] = text.find(closer, start)
        return j if j != -1 and j + len(closer) <= start + _COMMENT_LIMIT else -1

    search, pos = _CANDIDATE.search, 0
    while (m := search(text, pos)) is not None:
        i = m.start()
        pos = i + 1
        ch, nxt = text[i], text[i + 1:i + 2]
        if ch == "{":
            if nxt == "{":
                if text.startswith("{{!", i):
                    close = "--}}" if text.startswith("{{!--", i) else "}}"
                    j = find_closer(close, i + 3)
                    if j != -1:
                        found.append(Placeholder(i, j + len(close), "tag", "handlebars"))
                        pos = j + len(close)
                    continue
                mm = _TRIPLE.match(text, i)
                variable = _first_path(mm.group("body").strip(" \t\r\n~")) if mm else None
                if mm and variable:  # not {{{1}}} (a wiki template argument)
                    body = mm.group("body").strip(" \t\r\n~")
                    found.append(Placeholder(i, mm.end(), _classify(variable), "handlebars", variable,
                                             _fallback(body[len(variable):])))
                    pos = mm.end()
                    continue
                mm = _DOUBLE.match(text, i)
                if mm and (p := _double(mm.group("body"), i, mm.end(), hint, logic, len(found))) is not None:
                    found.append(p)
                    pos = mm.end()
                continue  # "{{" never starts a single-brace placeholder
            if nxt == "%":
                mm = _TAG.match(text, i)
                if not mm:
                    continue
                body = mm.group("body")
                word = body.strip(" \t\r\n-~").split(None, 1)
                block = word[0].lower() if word and word[0].lower() in _END and body[:1] in " \t\r\n-~" else None
                if block and block not in no_end:
                    end = _END[block].search(text, mm.end())
                    if end is None:
                        no_end.add(block)
                    else:
                        syntax = hint if hint == "jinja" else "liquid"
                        if block == "comment":  # the whole comment, body included
                            found.append(Placeholder(i, end.end(), "tag", syntax))
                        else:  # raw: the tags go, the body is literal text
                            found.append(Placeholder(i, mm.end(), "tag", syntax))
                            found.append(Placeholder(end.start(), end.end(), "tag", syntax))
                        pos = end.end()
                        continue
                found.append(_tag(body, i, mm.end(), hint, logic, len(found)))
                pos = mm.end()
                continue
            if nxt == "#":
                j = find_closer("#}", i + 2)
                if j != -1:
                    found.append(Placeholder(i, j + 2, "tag", "jinja"))
                    pos = j + 2
                continue
            if nxt == "!":
                continue
            start = i - 1 if i and text[i - 1] == "$" else i
            before = text[start - 1] if start else ""
            if before and (before.isalnum() or before in "_{}\\$"):
                continue
            mm = _SINGLE.match(text, start)
            if mm:
                body = mm.group("body")
                if _SIMPLE_IDENT.match(body) or _word_blank(body):
                    found.append(Placeholder(start, mm.end(), _classify(body), "single-brace", body))
                    pos = mm.end()
        elif ch == "[":
            before = text[i - 1] if i else ""
            if before and (before.isalnum() or before in "_]!\\["):
                continue
            mm = _BRACKET.match(text, i)
            if mm and text.startswith(":", mm.end()):  # "Dear [Customer Name]:" but not a link definition
                line_start = text.rfind("\n", 0, i) + 1
                if _LINK_DEFINITION.match(text, line_start) and not text[line_start:i].strip():
                    continue
            if mm and _bracket_blank(mm.group("body")):
                body = mm.group("body")
                found.append(Placeholder(i, mm.end(), _classify(_strip_cues(body)), "bracket", body.strip()))
                pos = mm.end()
        elif ch == "*":
            mm = _MAILCHIMP.match(text, i)
            if mm:
                found.append(_mailchimp(mm.group("body").strip(), i, mm.end(), logic, len(found)))
                pos = mm.end()
        else:  # %
            before = text[i - 1] if i else ""
            if before and (before.isalnum() or before in "_%"):
                continue
            mm = _PERCENT.match(text, i)
            if mm:
                body = mm.group("pp") or mm.group("p")
                if mm.group("pp") or body not in _WINDOWS_VARS:
                    found.append(Placeholder(i, mm.end(), _classify(body), "percent", body))
                    pos = mm.end()
    if logic:
        found = _guard_fallbacks(text, found, logic)
    return found


def _double(body: str, start: int, end: int, hint: str, logic: list, index: int) -> Placeholder | None:
    """``{{ ... }}``: a variable, or (Handlebars) a block helper, else, partial or comment."""
    inner = body.strip(" \t\r\n-~")
    first = inner[:1]
    if first in ("#", "/", "^", ">", "!") or inner == "else" or inner.startswith(("else ", "else\n")):
        word = _TAG_WORD.match(inner[1:] if first in "#/^>" else inner)
        kw, rest = (word.group("word").lower(), word.group("rest")) if word else ("", "")
        if first in ("#", "^"):
            logic.append((index, "open", (kw, *_condition_vars(rest)) if kw == "if" else (kw,)))
        elif first == "/":
            logic.append((index, "close", (kw,)))
        elif kw == "else":
            logic.append((index, "else", ()))
        return Placeholder(start, end, "tag", "handlebars")
    helper = _HELPER_FALLBACK.match(inner)
    if helper:  # {{default name "there"}}
        variable = helper.group("var")
        return Placeholder(start, end, _classify(variable), "handlebars", variable, _quoted_value(helper))
    variable = _first_path(inner)
    rest = inner[len(variable):] if variable and inner.startswith(variable) else inner
    if not variable:  # {{ }} is an empty blank; {{1}}, {{{1}}} (wiki templates) are not placeholders
        return None if inner else Placeholder(start, end, "other", hint, None, None)
    syntax = hint
    if _JINJA_FILTER.search(rest):
        syntax = "jinja"
    elif _LIQUID_FILTER.search(rest):
        syntax = "liquid"
    return Placeholder(start, end, _classify(variable), syntax, variable, _fallback(rest))


def _tag(body: str, start: int, end: int, hint: str, logic: list, index: int) -> Placeholder:
    """``{% ... %}``: Help Scout variable when a dotted name comes straight after ``{%``, else a logic tag."""
    if body[:1] not in " \t\r\n-~":
        hs = _HELPSCOUT.match(body)
        if hs:
            variable = hs.group("var")
            fb = hs.group("fb")
            fb = fb.strip() if fb is not None and fb.strip() else None
            return Placeholder(start, end, _classify(variable, helpscout=True), "helpscout", variable, fb)
    word = _TAG_WORD.match(body.strip(" \t\r\n-~"))
    kw = word.group("word").lower() if word else ""
    rest = word.group("rest") if word else ""
    if kw in ("if", "elsif", "elif"):
        if kw == "if":
            logic.append((index, "open", ("if", *_condition_vars(rest))))
        else:
            logic.append((index, "else", ()))
    elif kw == "else":
        logic.append((index, "else", ()))
    elif kw.startswith("end"):
        logic.append((index, "close", (kw[3:],)))
    elif kw in _BLOCK_OPENERS:
        logic.append((index, "open", (kw,)))
    syntax = hint if hint in ("liquid", "jinja") else "liquid"
    return Placeholder(start, end, "tag", syntax)


def _mailchimp(body: str, start: int, end: int, logic: list, index: int) -> Placeholder:
    upper = body.upper()
    if upper.startswith(("IF:", "IFNOT:", "ELSEIF:", "ELSE:", "END:")) or upper == "ELSE":
        if upper.startswith("IF:"):
            logic.append((index, "open", ("if", body[3:].strip())))
        elif upper.startswith("IFNOT:"):
            logic.append((index, "open", ("if",)))  # closed by END:IF; no guard
        elif upper.startswith("END:"):
            logic.append((index, "close", ("if" if upper[4:].strip() in ("IF", "IFNOT") else upper[4:].lower(),)))
        else:
            logic.append((index, "else", ()))
        return Placeholder(start, end, "tag", "mailchimp")
    return Placeholder(start, end, _classify(body), "mailchimp", body)


def _first_path(inner: str) -> str | None:
    m = _IDENT_PATH.match(inner)
    return m.group(0) if m else None


def _quoted_value(m: re.Match) -> str | None:
    for name in ("dq", "sq", "cq", "csq", "bare"):
        value = m.group(name)
        if value is not None:
            return value if value.strip() else None
    return None


def _fallback(rest: str) -> str | None:
    """The default text in a ``{{ }}`` body after its variable (None when there is none or it is blank)."""
    m = _FALLBACK.search(rest)
    return _quoted_value(m) if m else None


def _condition_vars(condition: str) -> tuple[str, ...]:
    out = []
    for m in _IDENT_PATH.finditer(condition):
        word = m.group(0)
        if word.lower() not in _CONDITION_NOISE and not word.startswith("@"):
            out.append(word)
    return tuple(out)


def _guard_fallbacks(text: str, found: list[Placeholder], logic: list) -> list[Placeholder]:
    """Give variables guarded by ``if var`` the else branch as fallback (see the module docstring)."""
    stack: list[list] = []  # [keyword, condition vars, open index, else index or None]
    blocks = []  # (condition vars, open index, else index or None, close index)
    for index, role, info in logic:
        if role == "open":
            stack.append([info[0], info[1:], index, None])
        elif role == "else":
            if stack and stack[-1][3] is None:
                stack[-1][3] = index
        else:
            kw = info[0]
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == kw or not kw:
                    frame = stack[depth]
                    del stack[depth:]
                    if frame[0] == "if" and frame[1]:
                        blocks.append((frame[1], frame[2], frame[3], index))
                    break
    if not blocks:
        return found
    uses: dict[str, list[int]] = {}  # variable -> indices of its placeholders without a fallback
    for i, p in enumerate(found):
        if p.kind != "tag" and p.variable and p.fallback is None:
            uses.setdefault(p.variable.lower(), []).append(i)
    out = list(found)
    for cond, open_i, else_i, close_i in blocks[:_MAX_GUARDED_BLOCKS]:
        branch_end = else_i if else_i is not None else close_i
        guarded = sorted({i for c in cond for i in _in_range(uses.get(c.lower(), ()), open_i, branch_end)})
        if not guarded:
            continue
        else_text = _text_between(text, found, else_i, close_i).strip() if else_i is not None else ""
        branch_chars = _solid(_text_between(text, found, open_i, branch_end))
        for i in guarded:
            p = out[i]
            if p.fallback is not None:
                continue  # an inner block gave it one already
            if else_text:
                out[i] = replace(p, fallback=else_text)
            elif branch_chars > _solid(text[p.start:p.end]):  # the branch holds more than this variable
                out[i] = replace(p, fallback="")
    return out


def _in_range(indices, low: int, high: int):
    """The items of sorted ``indices`` strictly between ``low`` and ``high``."""
    return indices[bisect.bisect_right(indices, low):bisect.bisect_left(indices, high)]


def _text_between(text: str, found: list[Placeholder], a: int, b: int) -> str:
    """The draft text between placeholders ``a`` and ``b``, without the tags in between."""
    parts, pos = [], found[a].end
    for i in range(a + 1, b):
        p = found[i]
        parts.append(text[pos:p.start])
        if p.kind != "tag":
            parts.append(text[p.start:p.end])
        pos = p.end
    parts.append(text[pos:found[b].start])
    return "".join(parts)


def _solid(text: str) -> int:
    """The number of non-space characters in ``text``."""
    return len(text) - sum(text.count(c) for c in " \t\r\n")


# --- single-brace and bracket heuristics --------------------------------------------------------------------------

_WORD_BLANK = re.compile(r"[A-Za-z][\w'’&+-]*(?:(?:\s*[/,]\s*|\s+(?:or\s+)?)[A-Za-z0-9][\w'’&+-]*){0,7}\Z")


def _word_blank(body: str) -> bool:
    """``{brief steps tried}``, ``{app/site}``: words only (no quotes, colons, digits first), at most 8."""
    return bool(_WORD_BLANK.match(body)) and "\n" not in body


_CUES = frozenset("insert enter add your put fill type paste input".split())
_SMALL = frozenset("of the a an and or for to in on at by # no s".split())
_PLACEHOLDER_WORDS = frozenset("""name names firstname lastname fullname fname lname first last full surname customer
    client agent rep representative company business brand store shop organization organisation team department
    date day time deadline timeframe timestamp link url email e-mail phone number order tracking address amount
    price total refund product item plan sku ticket case reference ref id code account username signature city
    country zip postcode invoice receipt coupon discount percentage quantity department title""".split())
_LOWER_FILLERS = frozenset("of # no".split())  # [name of agent], [order #]; not [on the phone]
_TODO = frozenset("tbd tbc todo tk fixme xxx".split())
_BRACKET_STOP = frozenset(s.lower() for s in """sic|sic!|citation needed|edit|edited|update|updated|solved|resolved|
    closed|external|spam|suspected spam|action required|auto reply|automatic reply|out of office|quoted text hidden|
    original message|sent from my iphone|redacted|removed|deleted|sarcasm|laughs|inaudible|crosstalk|pause|
    note|fyi|important|urgent|warning|info|ot|nsfw|wip|draft|ps|p.s.|off topic|emphasis added|emphasis mine|
    sighs|smiles|silence|music|applause|translated|translation|link removed|image|photo|video|attachment|
    attachments|screenshot|gif|bug|feature|question|help|beta|new|archived|ad|sponsored|x|ok|done""".split("|"))
_BRACKET_CHARS = re.compile(r"[A-Za-z0-9 #'’/&._-]+\Z")


def _bracket_blank(body: str) -> bool:
    """Whether ``[body]`` is a blank to fill in rather than prose, a footnote, a checkbox or a link.

    Markdown is left alone before this is asked: a bracket followed by ``(`` or ``[`` (``[text](url)``,
    ``[text][ref]``) or starting a link definition line (``[ref]: https://...``) is never a blank. The contents
    must be short (at most 6 words), letters first, made of letters, digits, spaces and ``# ' / & . _ -``, with no
    run of 2+ digits (``[Ticket #12345]`` is a real reference, ``[1]`` a footnote), and not a known editorial or
    subject tag (``[sic]``, ``[EDIT]``, ``[External]``, ``[x]``). Then it is a blank when:

    - it starts with a cue word: ``[insert date]``, ``[enter tracking link]``, ``[your name]``;
    - it is all Title Case / capitals (``of``, ``the``, ``#`` allowed) and has two or more words
      (``[Customer Name]``, ``[FIRST NAME]``), or one word that is a placeholder word (``[Name]``, ``[DATE]``),
      a run of X (``[XX]``) or TBD / TODO;
    - it is at most 3 words, all placeholder words or ``of`` / ``#`` / ``no`` (``[link]``, ``[order #]``,
      ``[name of agent]``; not ``[on the phone]``).
    """
    content = body.strip()
    if not content or not content[0].isalpha() or not _BRACKET_CHARS.match(content):
        return False
    if content.lower() in _BRACKET_STOP or re.search(r"\d\d", content):
        return False
    words = re.findall(r"[A-Za-z][A-Za-z'’]*|#|\d+", content)
    if not words or len(words) > 6:
        return False
    lower = [w.lower() for w in words]
    if lower[0] in _CUES and len(words) >= 2 and len(words) <= 5:
        return True
    significant = [w for w, lw in zip(words, lower) if lw not in _SMALL and not w.isdigit()]
    if significant and all(w[0].isupper() for w in significant):
        if len(significant) >= 2:
            return True
        only = significant[0]
        bare = only.lower().rstrip("'’s") if only.lower().endswith(("'s", "’s")) else only.lower()
        if bare in _PLACEHOLDER_WORDS or bare in _TODO or (set(bare) == {"x"} and len(bare) >= 2):
            return True
        return False
    if len(words) <= 3 and all(lw in _PLACEHOLDER_WORDS or lw in _LOWER_FILLERS for lw in lower):
        return any(lw in _PLACEHOLDER_WORDS for lw in lower)
    return False


def _strip_cues(body: str) -> str:
    words = body.strip().split()
    while words and words[0].lower() in _CUES - {"your"}:
        words = words[1:]
    return " ".join(words) or body


# --- kinds ---------------------------------------------------------------------------------------------------------

_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_EMAIL = frozenset("email e-mail mail emailaddress".split())
_PHONE = frozenset("phone tel telephone mobile cell phonenumber".split())
_LINK = frozenset("url link href uri website permalink hyperlink".split())
_DATE = frozenset("""date day days time timeframe duration eta deadline expiry expires expiration period when
    month year week weeks hour hours at dob birthday today tomorrow yesterday weekday""".split())
_COMPANY = frozenset("company organization organisation org brand business store shop mailbox merchant firm".split())
_AGENT = frozenset("agent assignee staff rep representative sender signature advisor adviser".split())
_SENDER = frozenset("your my".split())  # [Your Name] in a canned response is the agent's own name
_ORDER = frozenset("""order orders ordernumber orderid ticket tickets tracking case reference ref invoice invoices
    conversation shipment confirmation booking reservation receipt transaction rma""".split())
_ID = frozenset("id number no num #".split())
_NAME = frozenset("name names firstname lastname fullname first last full fname lname nickname surname given".split())
_PERSON = frozenset("""customer customers requester recipient contact client member user subscriber buyer guest
    person visitor lead patient student""".split())


_PATH_SPLIT = re.compile(r"[.\[\]'\"]+")
_WORD_SPLIT = re.compile(r"[^A-Za-z0-9#]+")


def _words(name: str) -> list[str]:
    out = []
    for part in _WORD_SPLIT.split(name):
        if not part:
            continue
        if part.isupper() or part.islower():
            out.append(part.lower())
        else:
            out.extend(w.lower() for w in _CAMEL.findall(part))
    return out


@functools.lru_cache(maxsize=4096)
def _classify(variable: str, *, helpscout: bool = False) -> str:
    """The kind of a placeholder from the variable it names (``customer.first_name``, ``Agent Name``, ``FNAME``)."""
    path = [p for p in _PATH_SPLIT.split(variable) if p]
    words = _words(variable)
    if not words:
        return "other"
    leaf = _words(path[-1]) if path else words
    if not leaf:
        leaf = words
    every = set(words)
    if helpscout or words[0] == "current":  # Help Scout's user and Zendesk's current_user are the agent
        every = {"agent" if w == "user" else w for w in every}
        leaf = ["agent" if w == "user" else w for w in leaf]
    if every & _EMAIL:
        return "email"
    if every & _PHONE:
        return "phone"
    if every & _LINK:
        return "link"
    if set(leaf) & _DATE:
        return "date"
    if set(leaf) & _NAME:
        qualifiers = every - _NAME - _SMALL
        if qualifiers & (_AGENT | _SENDER):
            return "agent"
        if qualifiers & _COMPANY:
            return "company"
        if not qualifiers or qualifiers <= _PERSON | {"ticket", "end"}:  # end_user.name
            return "name"
        if qualifiers & _ORDER - {"ticket"}:  # shopify.orders[0].name is the order's name, "#1001"
            return "order"
        return "other"
    if "field" in leaf:  # a helpdesk's custom field (ticket.ticket_field_80211): nothing to go by
        return "other"
    if set(leaf) & _COMPANY:
        return "company"
    if every & _AGENT:
        return "agent"
    if set(leaf) & (_ORDER | _ID) or every & _ORDER:
        return "order"
    if every & _DATE:
        return "date"
    if set(leaf) & _PERSON and set(leaf) <= _PERSON | _SMALL:  # {customer}, [the customer]; not {customer reason}
        return "name"
    return "other"


# --- stand-ins -----------------------------------------------------------------------------------------------------

# Per kind, stand-ins from the preferred one down to shorter ones for short placeholders.
_STAND_INS = {
    "name": ("Alex", "Al"),
    "agent": ("Sam", "Al"),
    "company": ("Acme", "Co"),
    "order": ("12345", "123", "1"),
    "date": ("Monday", "today", "now"),
    "link": ("example.com", "ex.com", "a.co"),
    "email": ("a@example.com", "a@ex.com", "a@b.co"),
    "phone": ("555 0100", "5550100", "555"),
    "other": ("thing", "it"),
}


def _stand_in_for(kind: str, source: str) -> str:
    """A stand-in as long as ``source``: the word first, then spaces; newlines (and CRs) stay where they are."""
    n = len(source)
    room = n
    for i, ch in enumerate(source):
        if ch in "\n\r":
            room = i
            break
    word = ""
    if kind != "tag":
        options = _STAND_INS.get(kind, _STAND_INS["other"])
        word = next((w for w in options if len(w) <= room), options[-1][:room])
    if room == n:
        return word.ljust(n)
    tail = "".join(ch if ch in "\n\r" else " " for ch in source[len(word):])
    return word + tail


def stand_in(text: str, placeholders: list[Placeholder]) -> str:
    """``text`` with each placeholder replaced by a same-length neutral stand-in of its kind."""
    if not placeholders:
        return text
    parts, last = [], 0
    for p in placeholders:
        if p.start < last:  # overlapping (a reader's own list): keep the earlier one
            continue
        parts.append(text[last:p.start])
        parts.append(_stand_in_for(p.kind, text[p.start:p.end]))
        last = p.end
    parts.append(text[last:])
    return "".join(parts)
