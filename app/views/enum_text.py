"""Enum labels in the UI language: Chinese labels from app.domain, English from our .ts file."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.domain.enums import LabelledEnum


def enum_text(member: LabelledEnum) -> str:
    """The label of ``member`` translated in its enum's context (e.g. RelationToHead)."""
    return QCoreApplication.translate(type(member).__name__, member.label)


def enum_value_text(enum: type[LabelledEnum], value: str | None) -> str:
    """The label of a stored code; unknown codes are shown as they are, None as ''."""
    if not value:
        return ""
    try:
        return enum_text(enum(value))
    except ValueError:
        return value


# The labels, listed so that pyside6-lupdate puts them into resources/translations/*.ts.
_LABELS = (
    QT_TRANSLATE_NOOP("HouseholdCategory", "低保"),
    QT_TRANSLATE_NOOP("HouseholdCategory", "低收入"),
    QT_TRANSLATE_NOOP("HouseholdCategory", "支出型贫困"),
    QT_TRANSLATE_NOOP("HouseholdCategory", "特困"),
    QT_TRANSLATE_NOOP("HouseholdCategory", "重残无业"),
    QT_TRANSLATE_NOOP("HouseholdCategory", "优抚"),
    QT_TRANSLATE_NOOP("HouseholdCategory", "边缘"),
    QT_TRANSLATE_NOOP("HouseholdCategory", "其他"),
    QT_TRANSLATE_NOOP("DiscoverySource", "走访发现"),
    QT_TRANSLATE_NOOP("DiscoverySource", "居委上报"),
    QT_TRANSLATE_NOOP("DiscoverySource", "线上求助"),
    QT_TRANSLATE_NOOP("DiscoverySource", "窗口受理"),
    QT_TRANSLATE_NOOP("DiscoverySource", "部门推送"),
    QT_TRANSLATE_NOOP("DiscoverySource", "数据比对"),
    QT_TRANSLATE_NOOP("HouseholdStatus", "在册"),
    QT_TRANSLATE_NOOP("HouseholdStatus", "暂停"),
    QT_TRANSLATE_NOOP("HouseholdStatus", "结案"),
    QT_TRANSLATE_NOOP("HouseholdStatus", "迁出"),
    QT_TRANSLATE_NOOP("HardshipLevel", "高"),
    QT_TRANSLATE_NOOP("HardshipLevel", "中"),
    QT_TRANSLATE_NOOP("HardshipLevel", "低"),
    QT_TRANSLATE_NOOP("ServiceLevel", "紧急保护"),
    QT_TRANSLATE_NOOP("ServiceLevel", "托底保障"),
    QT_TRANSLATE_NOOP("ServiceLevel", "帮助支持"),
    QT_TRANSLATE_NOOP("ServiceLevel", "发展提升"),
    QT_TRANSLATE_NOOP("RelationToHead", "本人"),
    QT_TRANSLATE_NOOP("RelationToHead", "配偶"),
    QT_TRANSLATE_NOOP("RelationToHead", "子"),
    QT_TRANSLATE_NOOP("RelationToHead", "女"),
    QT_TRANSLATE_NOOP("RelationToHead", "父亲"),
    QT_TRANSLATE_NOOP("RelationToHead", "母亲"),
    QT_TRANSLATE_NOOP("RelationToHead", "公婆/岳父"),
    QT_TRANSLATE_NOOP("RelationToHead", "婆婆/岳母"),
    QT_TRANSLATE_NOOP("RelationToHead", "孙子女/外孙子女"),
    QT_TRANSLATE_NOOP("RelationToHead", "祖父母/外祖父母"),
    QT_TRANSLATE_NOOP("RelationToHead", "兄弟姐妹"),
    QT_TRANSLATE_NOOP("RelationToHead", "女婿"),
    QT_TRANSLATE_NOOP("RelationToHead", "儿媳"),
    QT_TRANSLATE_NOOP("RelationToHead", "其他"),
    QT_TRANSLATE_NOOP("Sex", "男"),
    QT_TRANSLATE_NOOP("Sex", "女"),
    QT_TRANSLATE_NOOP("Sex", "未知"),
    QT_TRANSLATE_NOOP("Health", "健康"),
    QT_TRANSLATE_NOOP("Health", "慢性病"),
    QT_TRANSLATE_NOOP("Health", "重病"),
    QT_TRANSLATE_NOOP("Health", "残疾"),
    QT_TRANSLATE_NOOP("DisabilityGrade", "一级"),
    QT_TRANSLATE_NOOP("DisabilityGrade", "二级"),
    QT_TRANSLATE_NOOP("DisabilityGrade", "三级"),
    QT_TRANSLATE_NOOP("DisabilityGrade", "四级"),
    QT_TRANSLATE_NOOP("SelfCare", "完全自理"),
    QT_TRANSLATE_NOOP("SelfCare", "部分自理"),
    QT_TRANSLATE_NOOP("SelfCare", "不能自理"),
    QT_TRANSLATE_NOOP("MaritalStatus", "未婚"),
    QT_TRANSLATE_NOOP("MaritalStatus", "已婚"),
    QT_TRANSLATE_NOOP("MaritalStatus", "离异"),
    QT_TRANSLATE_NOOP("MaritalStatus", "丧偶"),
    QT_TRANSLATE_NOOP("EmploymentStatus", "在业"),
    QT_TRANSLATE_NOOP("EmploymentStatus", "灵活就业"),
    QT_TRANSLATE_NOOP("EmploymentStatus", "失业"),
    QT_TRANSLATE_NOOP("EmploymentStatus", "退休"),
    QT_TRANSLATE_NOOP("EmploymentStatus", "在校学生"),
    QT_TRANSLATE_NOOP("EmploymentStatus", "学龄前"),
    QT_TRANSLATE_NOOP("EmploymentStatus", "丧失劳动能力"),
    QT_TRANSLATE_NOOP("EmploymentStatus", "其他"),
    QT_TRANSLATE_NOOP("IncomeType", "工资性收入"),
    QT_TRANSLATE_NOOP("IncomeType", "经营性收入"),
    QT_TRANSLATE_NOOP("IncomeType", "财产性收入"),
    QT_TRANSLATE_NOOP("IncomeType", "转移性收入"),
    QT_TRANSLATE_NOOP("IncomeType", "养老金"),
    QT_TRANSLATE_NOOP("IncomeType", "其他收入"),
    QT_TRANSLATE_NOOP("IdType", "居民身份证"),
    QT_TRANSLATE_NOOP("IdType", "港澳台居民居住证"),
    QT_TRANSLATE_NOOP("IdType", "外国人永久居留身份证"),
    QT_TRANSLATE_NOOP("IdType", "其他证件"),
)
