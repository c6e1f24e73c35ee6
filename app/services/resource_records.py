"""What a user enters for a resource (资源库 entry), its validation, and the view returned."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from app.domain.enums import ProviderKind, ResourceCategory
from app.domain.errors import Problem, ValidationError
from app.domain.phones import normalize_phone
from app.models import Resource


@dataclass
class ResourceInput:
    name: str
    category: str  # ResourceCategory value
    provider_kind: str = ProviderKind.SOCIAL_ORG.value
    provider_name: str = ""
    contact_name: str = ""
    phone: str = ""
    address: str = ""
    eligibility: str = ""
    area_codes: list[str] = field(default_factory=list)  # [] = every area
    capacity: int | None = None
    active: bool = True
    description: str = ""


@dataclass(frozen=True)
class ResourceView:
    id: str
    name: str
    category: str
    provider_kind: str
    provider_name: str
    contact_name: str
    phone: str
    address: str
    eligibility: str
    area_codes: list[str]
    capacity: int | None
    active: bool
    description: str


def resource_view(row: Resource) -> ResourceView:
    return ResourceView(
        id=row.id,
        name=row.name,
        category=row.category,
        provider_kind=row.provider_kind,
        provider_name=row.provider_name,
        contact_name=row.contact_name,
        phone=row.phone,
        address=row.address,
        eligibility=row.eligibility,
        area_codes=list(row.area_codes),
        capacity=row.capacity,
        active=row.active,
        description=row.description,
    )


def validate_resource(data: ResourceInput) -> ResourceInput:
    """Clean values or a ValidationError with every problem."""
    problems: list[Problem] = []
    name = " ".join(data.name.split())
    if not name or len(name) > 100:
        problems.append(
            Problem(
                "name",
                "required",
                "请填写资源名称（最多 100 个字）。",
                "Enter the resource name (up to 100 characters).",
            )
        )
    if data.category not in {c.value for c in ResourceCategory}:
        choices = "、".join(c.label for c in ResourceCategory)
        problems.append(
            Problem(
                "category",
                "choice",
                f"请选择资源类别：{choices}。",
                "Choose the resource category.",
            )
        )
    if data.provider_kind not in {p.value for p in ProviderKind}:
        problems.append(
            Problem(
                "provider_kind",
                "choice",
                "请选择提供方类型（政府部门、社会组织、慈善组织、爱心企业、志愿者团队）。",
                "Choose the kind of provider.",
            )
        )
    if data.capacity is not None and data.capacity < 0:
        problems.append(
            Problem(
                "capacity",
                "negative",
                "服务容量不能为负数；不限请留空。",
                "Capacity cannot be negative; leave it empty for no limit.",
            )
        )
    phone = ""
    if data.phone.strip():
        try:
            phone = normalize_phone(data.phone)
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems)
    return replace(data, name=name, phone=phone, area_codes=sorted(set(data.area_codes)))
