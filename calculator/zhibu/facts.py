"""Every fact a branch enters, declared once: its path, kind, words and limits.

The answers schema's `facts` part (schema/answers.py), the blank template (template.py), the
names rules use in their messages (LABELS) and the self-check form's fields (form.json, made by
zhibu_build.form) are all read from FACTS, so a fact added here appears in all four. A rule kind
lists the facts it reads (rules/base.py `RuleKind.reads`); the rubric compiler refuses a rule that
reads a fact not declared here, at the page's file and line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

# count: a whole number of people, times, households (integer ≥ 0); amount: 元 (a number ≥ 0);
# flag: yes or no; date: YYYY-MM-DD; rows: a table the branch fills a row at a time;
# log: the meeting log, meeting type → {month YYYY-MM: times held}.
Kind = Literal["count", "amount", "flag", "date", "text", "rows", "log"]

# The meetings and activities the log records (the documents' own names for them): each is
# counted per month, so a document's frequency (每月、每季度、每年) is checked from the log.
MEETING_TYPES = (
    "党员大会",
    "支委会",
    "党小组会",
    "党课",
    "组织生活会",
    "主题党日",
    "民主评议党员",
    "党费收缴",  # 威海 三（三）12: 每月收取一次
    "制度执行自查",  # 威海 三（三）17: 每季度对党支部、党员执行制度情况进行1次自查
    "廉政风险排查",  # 威海 三（三）18: 每年组织党员领导干部排查1次岗位廉政风险点
)
# What the log counts for each: times, except 主题党日, which the documents fix in days
# (威海 三（三）10: 每月固定1天、每月至少固定2天).
MEETING_UNITS = {"主题党日": "天"}


def meeting_unit(meeting: str) -> str:
    return MEETING_UNITS.get(meeting, "次")


MAX_ROWS = 500  # rows a table of facts may have
MAX_AMOUNT = 10_000_000_000  # 元: 100 亿, far beyond any branch's funds; a larger figure is a slip
MAX_LOG_MONTHS = 240  # months a meeting type's log may hold (20 years)
MAX_MONTHLY = 100  # times one meeting is held in a month


@dataclass(frozen=True)
class Column:
    """One column of a table of facts (a party group's members, a vacancy's dates)."""

    name: str
    kind: Kind
    label: str  # the form's column heading
    help: str = ""  # the schema's description, when it says more than the label
    required: bool = False  # the row is incomplete without it (else it may be left out)
    nullable: bool = False  # null means "not yet" (a vacancy not filled)
    maximum: int | None = None  # counts: the most; text: the longest


@dataclass(frozen=True)
class Fact:
    """One fact of the answers file, at a dotted path under `facts` (e.g. `members.full`)."""

    path: str
    kind: Kind
    label: str  # what the form and the rules' messages call it
    section: str  # the form's heading it is entered under
    help: str = ""  # the schema's description, when it says more than the label
    maximum: int | None = None
    blank: Any = None  # its value in a blank answers file (None: not filled in)
    columns: tuple[Column, ...] = ()  # kind "rows": the table's columns
    row_words: tuple[str, str, str, str] = ("", "", "", "")  # rows: add / none / not filled / confirmed none
    core: bool = False  # asked of every branch, whatever its standard reads (the report's basic facts)

    @property
    def description(self) -> str:
        return self.help or self.label


_ORG = "党员与组织设置"
_GROUPS = "党小组"
_TERMS = "换届与出缺"
_PEOPLE = "谈心谈话、党课与培训（本年度）"
_SERVICE = "社区服务（本年度）"
_DEVELOPMENT = "发展党员"
_STUDY = "集中学习与党员汇报（本年度）"
_LINKS = "领导机关支部联系基层（本年度）"
_FUNDS = "经费（只对文件规定了数额的支部类型计算）"
_MEETINGS = "会议与活动记录"

FACTS: tuple[Fact, ...] = (
    Fact("members.full", "count", "正式党员人数", _ORG, maximum=100_000, core=True),
    Fact("members.probationary", "count", "预备党员人数", _ORG, maximum=100_000, core=True),
    Fact("committee.has_committee", "flag", "是否设立支部委员会", _ORG),
    Fact("committee.size", "count", "支部委员会委员人数", _ORG, maximum=100),
    Fact(
        "groups",
        "rows",
        "党小组",
        _GROUPS,
        columns=(
            Column("name", "text", "名称", maximum=100),
            Column("members", "count", "党员人数", help="党员人数", required=True, maximum=100_000),
            Column("full", "count", "其中正式党员", help="其中正式党员", required=True, maximum=100_000),
        ),
        row_words=("添加党小组", "本支部未设党小组", "尚未填写党小组情况。", "已确认：未设党小组。"),
    ),
    Fact("election.last", "date", "上次换届选举日期", _TERMS),
    Fact(
        "election.extension_months",
        "count",
        "经批准延期的月数",
        _TERMS,
        help="经上级批准延期的月数",
        maximum=120,
        blank=0,
    ),
    Fact(
        "vacancies",
        "rows",
        "班子出缺情况",
        _TERMS,
        help="支部负责人出缺情况",
        columns=(
            Column("post", "text", "职务", help="职务", maximum=100),
            Column("since", "date", "出缺日期", help="出缺日期", required=True),
            Column("filled", "date", "补齐日期（未补齐留空）", help="补齐日期，未补齐为 null", nullable=True),
        ),
        row_words=("添加出缺记录", "本期没有出缺", "尚未填写班子出缺情况。", "已确认：本期没有出缺。"),
    ),
    Fact(
        "meetings",
        "log",
        "会议与活动记录",
        _MEETINGS,
        help="会议与活动记录：类型 → {月份 YYYY-MM: 次数}（主题党日记天数）",
    ),
    Fact(
        "talks.members_talked",
        "count",
        "支部书记谈心谈话覆盖的党员人数",
        _PEOPLE,
        help="支部书记本年度谈心谈话覆盖的党员人数",
        maximum=100_000,
    ),
    Fact(
        "talks.upper_with_secretary",
        "count",
        "上级党组织书记与支部书记谈心谈话次数",
        _PEOPLE,
        help="本年度上级党组织书记与支部书记谈心谈话的次数（威海 三（三）14 未写明周期，本站默认按每年计）",
        maximum=1000,
    ),
    Fact(
        "lectures.members_lectured",
        "count",
        "讲过党课的党员人数",
        _PEOPLE,
        help="本年度在支部讲过党课的党员人数",
        maximum=100_000,
    ),
    Fact(
        "lectures.by_secretary",
        "count",
        "支部书记为本支部党员讲党课次数",
        _PEOPLE,
        help="支部书记本年度为所在支部党员讲党课的次数",
        maximum=1000,
    ),
    Fact(
        "lectures.leaders",
        "count",
        "支部中的党员领导同志人数",
        _PEOPLE,
        help="本支部党员中的党员领导同志人数（没有的填 0）",
        maximum=100_000,
    ),
    Fact(
        "lectures.leaders_lectured",
        "count",
        "其中为本支部党员讲过党课的人数",
        _PEOPLE,
        help="党员领导同志中本年度为所在支部党员讲过党课的人数",
        maximum=100_000,
    ),
    Fact(
        "training.secretary_sessions",
        "count",
        "支部书记参加培训次数",
        _PEOPLE,
        help="支部书记本年度参加上级举办的培训班、集中培训或轮训的次数",
        maximum=1000,
    ),
    Fact(
        "service.first_half",
        "count",
        "上半年参加过社区服务的党员人数",
        _SERVICE,
        help="本年度 1–6 月到社区报到并参加过至少 1 次社区服务的党员人数",
        maximum=100_000,
    ),
    Fact(
        "service.second_half",
        "count",
        "下半年参加过社区服务的党员人数",
        _SERVICE,
        help="本年度 7–12 月到社区报到并参加过至少 1 次社区服务的党员人数",
        maximum=100_000,
    ),
    Fact("development.last", "date", "上次发展党员（接收预备党员）的日期", _DEVELOPMENT),
    Fact(
        "development.this_year",
        "count",
        "本年度发展党员和推荐输送党员职工人数",
        _DEVELOPMENT,
        help="本年度本支部发展的党员和向上级推荐输送的党员职工人数",
        maximum=1000,
    ),
    Fact(
        "study.sessions_with_speakers",
        "count",
        "安排了 1—2 名党员作主题发言的集中学习次数",
        _STUDY,
        help="本年度集中学习（主题党日）中安排了 1—2 名党员作主题发言的次数",
        maximum=1000,
    ),
    Fact(
        "reports.members_monthly",
        "count",
        "每月都向支部汇报履职尽责情况的党员人数",
        _STUDY,
        help="本年度到自查日期为止，每月都向党支部汇报履职尽责、攻坚克难情况的党员人数",
        maximum=100_000,
    ),
    Fact(
        "links.visits",
        "count",
        "组织党员到基层调研、走访次数",
        _LINKS,
        help="领导机关支部本年度组织党员到基层调研、走访的次数",
        maximum=1000,
    ),
    Fact("links.poor_village", "count", "直接联系帮带的脱贫攻坚重点村党组织数", _LINKS, maximum=100),
    Fact("links.struggling_firm", "count", "直接联系帮带的生产经营困难企业党组织数", _LINKS, maximum=100),
    Fact("links.college", "count", "直接联系帮带的高等院校党组织数", _LINKS, maximum=100),
    Fact("funds.operating", "amount", "年度运转经费（元）", _FUNDS, maximum=MAX_AMOUNT),
    Fact("funds.households", "count", "社区户数", _FUNDS, maximum=1_000_000),
    Fact("funds.service", "amount", "为民服务专项经费（元）", _FUNDS, maximum=MAX_AMOUNT),
    Fact("funds.joint_org", "flag", "是否为联合党组织", _FUNDS),
    Fact("funds.dues_income", "amount", "年度会费收入（元）", _FUNDS, maximum=MAX_AMOUNT),
    Fact("funds.party_allocation", "amount", "按会费比例列支的党建经费（元）", _FUNDS, maximum=MAX_AMOUNT),
)


def labels(facts: Sequence[Fact] = FACTS) -> dict[str, str]:
    """What the rules' messages call each fact ("请填写“正式党员人数”")."""
    return {f.path: f.label for f in facts}


BY_PATH: dict[str, Fact] = {f.path: f for f in FACTS}
LABELS = labels()


def blank_facts(facts: Sequence[Fact] = FACTS) -> dict[str, Any]:
    """The `facts` of a blank answers file: every fact present and not filled in.

    An empty list would mean "none" (no party groups, no vacancy) and earn credit; a blank
    form must not, so tables and the meeting log start as null.
    """
    out: dict[str, Any] = {}
    for f in facts:
        head, _, name = f.path.partition(".")
        if not name:
            out[head] = dict.fromkeys(MEETING_TYPES) if f.kind == "log" else f.blank
        else:
            out.setdefault(head, {})[name] = f.blank
    return out
