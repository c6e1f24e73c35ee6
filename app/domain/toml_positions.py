"""Where each key and array element of a TOML text sits (line, column), for error messages.

tomllib parses but forgets positions; this scanner walks text that tomllib has already accepted and
records `dimensions[2].indicators[0].options[1].score` -> (line, column), both counted from 1.
"""

from __future__ import annotations

import re

Position = tuple[int, int]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPED = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)


def join_path(base: str, key: str) -> str:
    """The path of `key` inside the table at `base` ("" for the document)."""
    return f"{base}.{key}" if base else key


def locate(positions: dict[str, Position], path: str) -> Position | None:
    """Position of `path`, or of its nearest located ancestor; None when nothing is known."""
    while path:
        if path in positions:
            return positions[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None


def key_positions(text: str) -> dict[str, Position]:
    """Map every key, table and array element of a valid TOML document to its position."""
    return _Scanner(text).run()


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.positions: dict[str, Position] = {}
        self.arrays: dict[str, int] = {}  # array-of-tables path -> elements seen
        self.table = ""

    def run(self) -> dict[str, Position]:
        while True:
            self._skip(newlines=True)
            if self.i >= len(self.text):
                return self.positions
            if self.text[self.i] == "[":
                self._header()
            else:
                self._key_value(self.table)

    def position(self) -> Position:
        line_start = self.text.rfind("\n", 0, self.i) + 1
        return self.text.count("\n", 0, self.i) + 1, self.i - line_start + 1

    def _skip(self, *, newlines: bool) -> None:
        spaces = " \t\r\n" if newlines else " \t"
        while self.i < len(self.text):
            char = self.text[self.i]
            if char in spaces:
                self.i += 1
            elif char == "#":
                end = self.text.find("\n", self.i)
                self.i = len(self.text) if end < 0 else end
            else:
                return

    def _header(self) -> None:
        at = self.position()
        is_array = self.text.startswith("[[", self.i)
        self.i += 2 if is_array else 1
        keys = self._dotted_key()
        self.i += 2 if is_array else 1
        path = ""
        for index, key in enumerate(keys):
            path = join_path(path, key)
            last = index == len(keys) - 1
            if last and is_array:
                count = self.arrays.get(path, 0)
                self.arrays[path] = count + 1
                path = f"{path}[{count}]"
            elif path in self.arrays:
                path = f"{path}[{self.arrays[path] - 1}]"
        self.positions.setdefault(path, at)
        self.table = path

    def _key_value(self, base: str) -> None:
        at = self.position()
        path = base
        for key in self._dotted_key():
            path = join_path(path, key)
            self.positions.setdefault(path, at)
        self._skip(newlines=False)
        self.i += 1  # '='
        self._skip(newlines=False)
        self._value(path)

    def _dotted_key(self) -> list[str]:
        keys: list[str] = []
        while True:
            self._skip(newlines=False)
            keys.append(self._key())
            self._skip(newlines=False)
            if self.i < len(self.text) and self.text[self.i] == ".":
                self.i += 1
                continue
            return keys

    def _key(self) -> str:
        char = self.text[self.i]
        if char in "\"'":
            return self._string()
        match = _BARE_KEY.match(self.text, self.i)
        end = match.end() if match else self.i + 1
        key = self.text[self.i : end]
        self.i = end
        return key

    def _value(self, path: str) -> None:
        self.positions.setdefault(path, self.position())
        char = self.text[self.i]
        if char in "\"'":
            self._string()
        elif char == "[":
            self._array(path)
        elif char == "{":
            self._inline_table(path)
        else:
            while self.i < len(self.text) and self.text[self.i] not in ",]}#\n":
                self.i += 1

    def _array(self, path: str) -> None:
        self.i += 1
        index = 0
        while True:
            self._skip(newlines=True)
            if self.text[self.i] == "]":
                self.i += 1
                return
            if self.text[self.i] == ",":
                self.i += 1
                continue
            self._value(f"{path}[{index}]")
            index += 1

    def _inline_table(self, path: str) -> None:
        self.i += 1
        while True:
            self._skip(newlines=True)
            if self.text[self.i] == "}":
                self.i += 1
                return
            if self.text[self.i] == ",":
                self.i += 1
                continue
            self._key_value(path)

    def _string(self) -> str:
        quote = self.text[self.i]
        if self.text.startswith(quote * 3, self.i):
            end = self.text.find(quote * 3, self.i + 3)
            while self.text.startswith(quote, end + 3):  # up to two quotes may end the content
                end += 1
            start, self.i = self.i + 3, end + 3
            return self.text[start:end]
        start = self.i + 1
        self.i = start
        while self.text[self.i] != quote:
            self.i += 2 if quote == '"' and self.text[self.i] == "\\" else 1
        raw = self.text[start : self.i]
        self.i += 1
        return _unescape(raw) if quote == '"' else raw


def _unescape(raw: str) -> str:
    simple = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}

    def replace(match: re.Match[str]) -> str:
        body = match.group()[1:]
        if body[0] in "uU":
            return chr(int(body[1:], 16))
        return simple.get(body, body)

    return _ESCAPED.sub(replace, raw)
