"""A small instrument used by the instrument and scoring tests, and the path of the shipped ones."""

from __future__ import annotations

from pathlib import Path

INSTRUMENTS = Path(__file__).resolve().parents[2] / "resources" / "instruments"
DEFAULT_FILE = INSTRUMENTS / "shanghai-6d-v1.toml"

MINI = """\
id = "mini"
version = 1
title = "小工具"

[levels]
medium = 40
high = 90
high_dimensions = 2
medium_dimensions = 1

[[dimensions]]
id = "money"
title = "经济"
weight = 2
medium = 40
high = 70
needs = ["basic_living"]

[[dimensions.indicators]]
id = "income"
text = "家庭收入够用吗？"
weight = 3
options = [
  { value = "ok", label = "够用", score = 0 },
  { value = "low", label = "不太够", score = 50 },
  { value = "none", label = "没有收入", score = 100 },
]

[[dimensions.indicators]]
id = "food"
text = "一日三餐有保障吗？"
needs = ["donation"]
options = [
  { value = "ok", label = "有保障", score = 0 },
  { value = "no_food", label = "断炊", score = 100 },
]

[[dimensions]]
id = "care"
title = "照护"
weight = 1
medium = 40
high = 70
needs = ["elderly_care"]

[[dimensions.indicators]]
id = "carer"
text = "有人照料吗？"
options = [
  { value = "yes", label = "有", score = 0 },
  { value = "strained", label = "照料吃力", score = 60 },
  { value = "none", label = "无人照料", score = 100 },
]

[[flags]]
id = "no_food"
label = "断炊"
needs = ["basic_living"]
[[flags.rules]]
all = { food = ["no_food"] }
"""
