"""Enumerations of the domain (DESIGN §2). Values are stable codes stored in the database and
sent over the wire; ``label`` gives the Chinese text shown to users."""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A string enum whose members carry a Chinese label."""

    label: str

    def __new__(cls, value: str, label: str = "") -> LabelledEnum:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        return obj

    @classmethod
    def from_label(cls, label: str) -> LabelledEnum:
        """Find the member whose Chinese label (or code) is ``label``; ValueError otherwise."""
        text = label.strip()
        for member in cls:
            if text in (member.label, member.value):
                return member
        raise ValueError(f"{text!r} is not one of {', '.join(m.label for m in cls)}")


class JurisdictionLevel(LabelledEnum):
    DISTRICT = "district", "区"
    STREET = "street", "街镇"
    COMMITTEE = "committee", "居村委"


class HouseholdCategory(LabelledEnum):
    DIBAO = "dibao", "低保"
    LOW_INCOME = "low_income", "低收入"
    EXPENDITURE_POVERTY = "expenditure_poverty", "支出型贫困"
    EXTREME_POVERTY = "extreme_poverty", "特困"
    SEVERE_DISABILITY_UNEMPLOYED = "severe_disability_unemployed", "重残无业"
    ENTITLED_GROUPS = "entitled_groups", "优抚"
    MARGINAL = "marginal", "边缘"
    OTHER = "other", "其他"


class DiscoverySource(LabelledEnum):
    VISIT = "visit", "走访发现"
    COMMITTEE_REPORT = "committee_report", "居委上报"
    ONLINE_REQUEST = "online_request", "线上求助"
    WALK_IN = "walk_in", "窗口受理"
    DEPARTMENT_PUSH = "department_push", "部门推送"
    DATA_MATCHING = "data_matching", "数据比对"


class HouseholdStatus(LabelledEnum):
    ACTIVE = "active", "在册"
    SUSPENDED = "suspended", "暂停"
    CLOSED = "closed", "结案"
    MOVED_OUT = "moved_out", "迁出"


class HardshipLevel(LabelledEnum):
    HIGH = "high", "高"
    MEDIUM = "medium", "中"
    LOW = "low", "低"


class ServiceLevel(LabelledEnum):
    EMERGENCY = "emergency", "紧急保护"
    SAFETY_NET = "safety_net", "托底保障"
    SUPPORT = "support", "帮助支持"
    DEVELOPMENT = "development", "发展提升"


class Tier(LabelledEnum):
    PREVENTIVE = "preventive", "初级预防性"
    SUPPORTIVE = "supportive", "次级支持性"
    INTEGRATED = "integrated", "三级整合性"


class RelationToHead(LabelledEnum):
    SELF = "self", "本人"
    SPOUSE = "spouse", "配偶"
    SON = "son", "子"
    DAUGHTER = "daughter", "女"
    FATHER = "father", "父亲"
    MOTHER = "mother", "母亲"
    FATHER_IN_LAW = "father_in_law", "公婆/岳父"
    MOTHER_IN_LAW = "mother_in_law", "婆婆/岳母"
    GRANDCHILD = "grandchild", "孙子女/外孙子女"
    GRANDPARENT = "grandparent", "祖父母/外祖父母"
    SIBLING = "sibling", "兄弟姐妹"
    SON_IN_LAW = "son_in_law", "女婿"
    DAUGHTER_IN_LAW = "daughter_in_law", "儿媳"
    OTHER = "other", "其他"


class Sex(LabelledEnum):
    MALE = "male", "男"
    FEMALE = "female", "女"
    UNKNOWN = "unknown", "未知"


class Health(LabelledEnum):
    HEALTHY = "healthy", "健康"
    CHRONIC = "chronic", "慢性病"
    SERIOUS_ILLNESS = "serious_illness", "重病"
    DISABLED = "disabled", "残疾"


class DisabilityGrade(LabelledEnum):
    GRADE_1 = "1", "一级"
    GRADE_2 = "2", "二级"
    GRADE_3 = "3", "三级"
    GRADE_4 = "4", "四级"


class SelfCare(LabelledEnum):
    FULL = "full", "完全自理"
    PARTIAL = "partial", "部分自理"
    NONE = "none", "不能自理"


class MaritalStatus(LabelledEnum):
    SINGLE = "single", "未婚"
    MARRIED = "married", "已婚"
    DIVORCED = "divorced", "离异"
    WIDOWED = "widowed", "丧偶"


class EmploymentStatus(LabelledEnum):
    EMPLOYED = "employed", "在业"
    FLEXIBLE = "flexible", "灵活就业"
    UNEMPLOYED = "unemployed", "失业"
    RETIRED = "retired", "退休"
    STUDENT = "student", "在校学生"
    PRESCHOOL = "preschool", "学龄前"
    UNABLE = "unable", "丧失劳动能力"
    OTHER = "other", "其他"


class IncomeType(LabelledEnum):
    WAGES = "wages", "工资性收入"
    BUSINESS = "business", "经营性收入"
    PROPERTY = "property", "财产性收入"
    TRANSFER = "transfer", "转移性收入"
    PENSION = "pension", "养老金"
    OTHER = "other", "其他收入"


class IdType(LabelledEnum):
    RESIDENT_ID = "resident_id", "居民身份证"
    HMT_RESIDENCE_PERMIT = "hmt_residence_permit", "港澳台居民居住证"
    FOREIGN_PERMANENT_RESIDENT = "foreign_permanent_resident", "外国人永久居留身份证"
    OTHER = "other", "其他证件"


class NeedCategory(LabelledEnum):
    BASIC_LIVING = "basic_living", "基本生活"
    MEDICAL = "medical", "健康医疗"
    ELDERLY_CARE = "elderly_care", "养老服务"
    EMPLOYMENT = "employment", "就业帮扶"
    EDUCATION = "education", "助学帮扶"
    PSYCHOLOGICAL = "psychological", "心理服务"
    DONATION = "donation", "公益捐赠"
    LEGAL_AID = "legal_aid", "法律援助"
    HOUSING = "housing", "住房"
    OTHER = "other", "其他"


class Role(LabelledEnum):
    ADVISOR = "advisor", "救助顾问"
    STATION = "station", "服务站"
    SUPERVISOR = "supervisor", "督导"
    ADMIN = "admin", "管理员"


class AuditAction(LabelledEnum):
    REVEAL_ID = "reveal_id", "查看完整证件号"
    PRINT = "print", "打印"
    EXPORT = "export", "导出"
    LOGIN = "login", "登录"
    LOGIN_FAILED = "login_failed", "登录失败"
    UNLOCK = "unlock", "解锁"
    UNLOCK_FAILED = "unlock_failed", "解锁失败"
    CREATE = "create", "新建"
    UPDATE = "update", "修改"
    DELETE = "delete", "删除"


class ReferralState(LabelledEnum):
    DRAFT = "draft", "草稿"
    SENT = "sent", "已发送"
    RECEIVED = "received", "已接收"
    IN_SERVICE = "in_service", "服务中"
    COMPLETED = "completed", "已完成"
    RETURNED = "returned", "已退回"
    WITHDRAWN = "withdrawn", "已撤回"


class ReferralAction(LabelledEnum):
    SEND = "send", "发送"
    RECEIVE = "receive", "接收"
    START = "start", "开始服务"
    FOLLOW_UP = "follow_up", "跟进记录"
    COMPLETE = "complete", "完成"
    RETURN = "return", "退回"
    WITHDRAW = "withdraw", "撤回"


class VisitKind(LabelledEnum):
    HOME = "home", "上门"
    PHONE = "phone", "电话"
    WALK_IN = "walk_in", "来访"
    ONLINE = "online", "线上"


class VisitState(LabelledEnum):
    DRAFT = "draft", "草稿"
    FINAL = "final", "已完成"


class PlanActionState(LabelledEnum):
    PLANNED = "planned", "待办"
    IN_PROGRESS = "in_progress", "进行中"
    DONE = "done", "已完成"
    CANCELLED = "cancelled", "已取消"


class ResourceCategory(LabelledEnum):
    """Resource directory categories; the first nine share their codes with NeedCategory."""

    BASIC_LIVING = "basic_living", "基本生活"
    MEDICAL = "medical", "健康医疗"
    ELDERLY_CARE = "elderly_care", "养老服务"
    EMPLOYMENT = "employment", "就业帮扶"
    EDUCATION = "education", "助学帮扶"
    PSYCHOLOGICAL = "psychological", "心理服务"
    DONATION = "donation", "公益捐赠"
    LEGAL_AID = "legal_aid", "法律援助"
    HOUSING = "housing", "住房"
    DISABILITY = "disability", "助残服务"
    CHILD_CARE = "child_care", "儿童关爱"
    OTHER = "other", "其他"


class ProviderKind(LabelledEnum):
    DEPARTMENT = "department", "政府部门"
    SOCIAL_ORG = "social_org", "社会组织"
    CHARITY = "charity", "慈善组织"
    ENTERPRISE = "enterprise", "爱心企业"
    VOLUNTEERS = "volunteers", "志愿者团队"
    OTHER = "other", "其他"


class HelpRequestChannel(LabelledEnum):
    WINDOW = "window", "窗口"
    PHONE = "phone", "电话"
    ONLINE = "online", "线上求助"
    COMMITTEE = "committee", "居委转报"
    HOTLINE_12345 = "hotline_12345", "12345"
    DEPARTMENT = "department", "部门推送"


class HelpRequestState(LabelledEnum):
    NEW = "new", "待受理"
    ASSIGNED = "assigned", "已分派"
    IN_PROGRESS = "in_progress", "处理中"
    CLOSED = "closed", "已办结"
    CANCELLED = "cancelled", "已撤销"


class Urgency(LabelledEnum):
    URGENT = "urgent", "紧急"
    HIGH = "high", "较急"
    NORMAL = "normal", "一般"


class UrgentFlag(LabelledEnum):
    """The urgent flags of the default instrument; instrument files may define more."""

    NO_FOOD = "no_food", "断炊"
    NO_CAREGIVER = "no_caregiver", "无人照料"
    SAFETY_HAZARD = "safety_hazard", "安全隐患"
    UNTREATED_ILLNESS = "untreated_illness", "重病无钱医治"
    NO_SHELTER = "no_shelter", "无处居住"
    SELF_HARM_RISK = "self_harm_risk", "自伤自杀风险"


class Trend(LabelledEnum):
    """Direction of a change between two assessments; UP means more hardship."""

    UP = "up", "上升"
    DOWN = "down", "下降"
    SAME = "same", "持平"


class StandardKind(LabelledEnum):
    DIBAO = "dibao", "低保标准"
    LOW_INCOME = "low_income", "低收入认定标准"
    EXTREME_POVERTY = "extreme_poverty", "特困供养标准"


class MatchReason(LabelledEnum):
    SAME_ID = "same_id", "证件号相同"
    SAME_NAME_BIRTH = "same_name_birth", "姓名和出生日期相同"
    SAME_PINYIN_ADDRESS = "same_pinyin_address", "姓名拼音相同且住址相近"
    SAME_ADDRESS = "same_address", "住址相同"
