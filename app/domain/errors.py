"""Errors the domain reports to users: each names the field and the fix, in Chinese and English."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) with one field."""

    field: str  # code name of the field, e.g. "id_number"
    code: str  # stable machine code, e.g. "id_check_digit"
    zh: str  # message shown in the zh_CN UI: what is wrong and how to fix it
    en: str  # the same in English

    def message(self, language: str = "zh") -> str:
        return self.en if language.startswith("en") else self.zh


@dataclass
class ValidationError(ValueError):
    """Raised when input cannot be accepted; carries every problem found, never a partial save."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__("; ".join(p.en for p in self.problems))

    @classmethod
    def single(cls, field_name: str, code: str, zh: str, en: str) -> ValidationError:
        return cls([Problem(field_name, code, zh, en)])

    def for_field(self, field_name: str) -> list[Problem]:
        return [p for p in self.problems if p.field == field_name]
