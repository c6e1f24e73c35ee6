"""Labels of the workflow enumerations (intake, standards, roles, tasks), listed so that
pyside6-lupdate puts them into the .ts file (enum_text() translates them in their enum's
context); the enums the case-work views share with the workflow are in casework_labels.py."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

WORKFLOW_LABELS = (
    QT_TRANSLATE_NOOP("HelpRequestChannel", "窗口"),
    QT_TRANSLATE_NOOP("HelpRequestChannel", "电话"),
    QT_TRANSLATE_NOOP("HelpRequestChannel", "线上求助"),
    QT_TRANSLATE_NOOP("HelpRequestChannel", "居委转报"),
    QT_TRANSLATE_NOOP("HelpRequestChannel", "12345"),
    QT_TRANSLATE_NOOP("HelpRequestChannel", "部门推送"),
    QT_TRANSLATE_NOOP("HelpRequestState", "待受理"),
    QT_TRANSLATE_NOOP("HelpRequestState", "已分派"),
    QT_TRANSLATE_NOOP("HelpRequestState", "处理中"),
    QT_TRANSLATE_NOOP("HelpRequestState", "已办结"),
    QT_TRANSLATE_NOOP("HelpRequestState", "已撤销"),
    QT_TRANSLATE_NOOP("StandardKind", "低保标准"),
    QT_TRANSLATE_NOOP("StandardKind", "低收入认定标准"),
    QT_TRANSLATE_NOOP("StandardKind", "特困供养标准"),
    QT_TRANSLATE_NOOP("Role", "救助顾问"),
    QT_TRANSLATE_NOOP("Role", "服务站"),
    QT_TRANSLATE_NOOP("Role", "督导"),
    QT_TRANSLATE_NOOP("Role", "管理员"),
    QT_TRANSLATE_NOOP("TaskKind", "走访"),
    QT_TRANSLATE_NOOP("TaskKind", "方案回顾"),
    QT_TRANSLATE_NOOP("TaskKind", "转介跟进"),
    QT_TRANSLATE_NOOP("TaskKind", "求助响应"),
    QT_TRANSLATE_NOOP("TaskKind", "未完成的走访草稿"),
)
