"""Just enough of an Inno Setup script reader to check nuanxin.iss without Windows: sections,
`Key: "value"; ...` entries, `Name=value` directives, and ISPP `#define`s with `+` joins."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ENTRY_PART = re.compile(r'\s*(\w+):\s*("(?:[^"]|"")*"|[^;]*)\s*(?:;|$)')
DEFINE = re.compile(r"^\s*#define\s+(\w+)\s+(.+?)\s*$")
EXPANSION = re.compile(r"\{#(\w+)\}")


@dataclass
class InnoScript:
    text: str
    sections: dict[str, list[str]] = field(default_factory=dict)
    defines: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> InnoScript:
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), (
            "Inno Setup reads UTF-8 scripts that start with a BOM"
        )
        script = cls(raw.decode("utf-8-sig"))
        current = ""
        for line in script.text.splitlines():
            stripped = line.strip()
            if not stripped or stripped.startswith(";"):
                continue
            if stripped.startswith("[") and stripped.endswith("]"):
                current = stripped[1:-1]
                script.sections.setdefault(current, [])
            elif stripped.startswith("#"):
                match = DEFINE.match(stripped)
                if match and current == "" and match.group(1) not in script.defines:
                    script.defines[match.group(1)] = match.group(2)
            elif current:
                script.sections[current].append(stripped)
        return script

    def value(self, name: str, given: dict[str, str] | None = None) -> str:
        """A define's value: `"text"`, another define, or `a + b`; ``given`` overrides (/D)."""
        given = given or {}
        if name in given:
            return given[name]
        parts = [p.strip() for p in self.defines[name].split("+")]
        return "".join(p[1:-1] if p.startswith('"') else self.value(p, given) for p in parts)

    def expand(self, text: str, given: dict[str, str] | None = None) -> str:
        return EXPANSION.sub(lambda m: self.value(m.group(1), given), text)

    def directives(self, section: str = "Setup") -> dict[str, str]:
        pairs = (line.split("=", 1) for line in self.sections.get(section, []) if "=" in line)
        return {key.strip(): value.strip() for key, value in pairs}

    def entries(self, section: str) -> list[dict[str, str]]:
        """`Name: "x"; Flags: a b` lines as dicts (quotes removed, "" unescaped)."""
        rows = []
        for line in self.sections.get(section, []):
            row = {}
            for key, value in ENTRY_PART.findall(line):
                value = value.strip()
                if value.startswith('"') and value.endswith('"'):
                    value = value[1:-1].replace('""', '"')
                row[key] = value
            rows.append(row)
        return rows
