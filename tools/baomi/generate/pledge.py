"""保密承诺书: one form per role and kind (上岗, 在岗, 离岗), built from the rule book.

The obligations of a form are the articles named by the `pledge:` entries in the front matter
of 现行 policies, for that role (or a role that includes it, per `roles.yaml` `includes`) and
that kind. Each entry is resolved by its article number when the form is generated, so a form
always shows the article text as it stands and cites it as 《标题》第X条. 草案 and 废止 policies
are never cited. The fixed text of the form (title, preamble, confirmations, fields) comes
from `schemas/pledge.yaml`; no obligation is written in code.

API for the handbook: `pledge_forms(corpus) -> list[Form]`; `pledge_document(form)` builds the
form as a neutral `baomi.document.Document`, and `render_html(form)`, `render_fragment(form)` (no
<html> wrapper, for embedding), `render_text(form)`, `write_docx(form, path)` hand it to the
renderers of `baomi.document` (the print CSS is `document.html_render.PLEDGE_CSS`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..corpus import Corpus
from ..data import DataError
from ..datamodel import PledgeTemplate
from ..document import Break, Document, Field, Fields, Group, Para, Run, Title
from .. import grammar
from ..htmlsafe import slug
from ..model import Article, Item, Paragraph, Policy, Status
from ..numerals import parse_chinese, to_chinese

KINDS = ("上岗", "在岗", "离岗")
KIND_SLUGS = {"上岗": "shanggang", "在岗": "zaigang", "离岗": "ligang"}

RE_ENTRY = grammar.RE_ARTICLE_ENTRY


# --- model ------------------------------------------------------------------------------

@dataclass
class Obligation:
    """One obligation of a form: an article (or one 款 of it) of a 现行 policy."""

    policy_id: str
    policy_title: str
    policy_path: str          # relpath of the policy file
    article: str              # as cited: 第十条, 第十条之一, 第十条第二款
    anchor: str               # anchor of the article on the policy page, e.g. art-10
    lines: list[str]          # the text as displayed: 款 paragraphs, items with their markers
    line: int                 # line of the article (or 款) in the policy file
    key: tuple = ()           # sort key inside the policy
    paragraphs: list = field(default_factory=list, repr=False)   # the 款 cited (model objects)

    @property
    def citation(self) -> str:
        return f"《{self.policy_title}》{self.article}"

    @property
    def text(self) -> str:
        """The cited text, one line per 款/项/目."""
        return "\n".join(self.lines)


@dataclass
class Form:
    role: str
    role_name: str
    kind: str
    title: str
    preamble: str
    obligations: list[Obligation]
    confirmations: list[str] = field(default_factory=list)
    person_fields: list[str] = field(default_factory=list)
    level_label: str = "涉密等级"
    level_options: list[tuple[str, bool]] = field(default_factory=list)   # (label, pre-ticked)
    extra_fields: list[str] = field(default_factory=list)
    closing: str = ""
    signature_fields: list[str] = field(default_factory=list)
    unit_heading: str = ""
    unit_fields: list[str] = field(default_factory=list)
    unit: str = ""

    @property
    def slug(self) -> str:
        """ASCII file/page name, e.g. shemi-renyuan-ligang."""
        return f"{slug(self.role)}-{KIND_SLUGS.get(self.kind, 'form')}"

    @property
    def fields(self) -> list[str]:
        """Every fill-in field label, in the order shown."""
        return [*self.person_fields, self.level_label, *self.extra_fields, *self.signature_fields,
                *self.unit_fields]


@dataclass
class PledgeProblem:
    """A pledge entry that cannot be used (reported by `baomi pledge`, exit 1)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


# --- roles --------------------------------------------------------------------------------

def role_ancestors(roles) -> dict[str, set[str]]:
    """For each role key, the roles whose obligations bind it: itself and every role that
    includes it, directly or transitively."""
    includes = {r.key: r.includes for r in roles}
    below: dict[str, set[str]] = {}

    def descend(key: str, seen: frozenset) -> set[str]:
        if key in below:
            return below[key]
        out = {key}
        for child in includes.get(key, []):
            if child not in seen:
                out |= descend(child, seen | {child})
        below[key] = out
        return out

    for k in includes:
        descend(k, frozenset({k}))
    anc: dict[str, set[str]] = {k: {k} for k in includes}
    for k, desc in below.items():
        for d in desc:
            anc.setdefault(d, {d}).add(k)
    return anc


# --- template -----------------------------------------------------------------------------

def load_template(data) -> PledgeTemplate:
    """schemas/pledge.yaml (typed, `Data.pledge`), checked for the kinds the forms need."""
    tpl = data.pledge if data is not None else None
    if tpl is None:
        from ..data import Data

        tpl = Data().pledge
    if tpl is None or not tpl.kinds:
        raise DataError("schemas/pledge.yaml 缺少 kinds（上岗、在岗、离岗的承诺语和填写栏）")
    for kind in KINDS:
        k = tpl.kinds.get(kind)
        if k is None or not k.preamble:
            raise DataError(f"schemas/pledge.yaml 中缺少“{kind}”的承诺语（kinds.{kind}.preamble）")
    return tpl


# --- resolving entries ----------------------------------------------------------------------

def parse_entry(article: str) -> tuple[int, int, int] | None:
    """第十条 → (10, 0, 0); 第十条之一 → (10, 1, 0); 第十条第二款 → (10, 0, 2)."""
    m = RE_ENTRY.match(article.strip())
    if not m:
        return None
    num = parse_chinese(m.group(1))
    sub = parse_chinese(m.group(2)) if m.group(2) else 0
    para = parse_chinese(m.group(3)) if m.group(3) else 0
    if not num:
        return None
    return num, sub or 0, para or 0


def paragraph_lines(p: Paragraph) -> list[str]:
    """A 款 as display lines: its text, then each 项 （一）… and 目 1. … on its own line."""
    out = [p.text] if p.text else []
    for item in p.items:
        out.extend(_item_lines(item, grammar.item_marker))
    return out


def _item_lines(item: Item, marker_of) -> list[str]:
    marker = marker_of(item.number) if item.number else item.marker.raw
    out = [marker + item.text]
    for s in item.subitems:
        sm = f"{s.number}." if s.number else s.marker.raw
        out.append(sm + s.text)
    return out


def article_lines(article: Article) -> list[str]:
    return [line for p in article.paragraphs for line in paragraph_lines(p)]


def resolve_entry(policy: Policy, article: str) -> tuple[Obligation | None, str | None]:
    """The obligation an entry names, or (None, why not)."""
    parsed = parse_entry(article)
    if parsed is None:
        return None, f"承诺条目“{article}”的写法无法识别（应为 第X条、第X条之一 或 第X条第Y款）"
    num, sub, para = parsed
    art = policy.article(num, sub)
    if art is None:
        label = grammar.article_label(num, sub)
        return None, f"承诺条目“{article}”所指的{label}在《{policy.title}》中不存在"
    cited = art.label
    if para:
        if para > len(art.paragraphs):
            return None, (f"承诺条目“{article}”所指的{grammar.paragraph_label(para)}不存在"
                          f"（{art.label}只有{to_chinese(len(art.paragraphs))}款）")
        p = art.paragraphs[para - 1]
        paras = [p]
        cited += grammar.paragraph_label(para)
        line = p.line
    else:
        paras = list(art.paragraphs)
        line = art.line
    lines = [x for p in paras for x in paragraph_lines(p)]
    return Obligation(policy.id or policy.relpath, policy.title or policy.relpath, policy.relpath, cited,
                      art.anchor, lines, line, (num, sub, para), paras), None


def _natural(text: str) -> list:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text)]


def collect(corpus: Corpus, problems: list[PledgeProblem] | None = None) -> list[tuple[Obligation, set, set]]:
    """Every usable pledge entry of the 现行 policies that may be published (the site's
    publishing guard, `site.guard.refusal`): (obligation, roles, kinds). A classified policy's
    entries are never read, so neither its text nor its title reaches a form."""
    from ..site.guard import refusal

    out = []
    for p in sorted(corpus.policies, key=lambda p: _natural(p.id or p.relpath)):
        if not p.readable or p.status != Status.CURRENT or refusal(p) is not None:
            continue
        entries = p.meta.get("pledge") or []
        if not isinstance(entries, list):
            continue
        lines = p.item_lines.get("pledge") or []
        for i, e in enumerate(entries):
            where = lines[i] if i < len(lines) else p.meta_line("pledge")
            if not isinstance(e, dict) or not isinstance(e.get("article"), str):
                if problems is not None:
                    problems.append(PledgeProblem(p.relpath, where, "承诺条目应写明 article、roles 和 kinds"))
                continue
            ob, why = resolve_entry(p, e["article"])
            if ob is None:
                if problems is not None:
                    problems.append(PledgeProblem(p.relpath, where, why or "承诺条目无法解析"))
                continue
            roles = {str(r) for r in (e.get("roles") or [])}
            kinds = {str(k) for k in (e.get("kinds") or [])}
            bad = kinds - set(KINDS)
            if bad and problems is not None:
                problems.append(PledgeProblem(p.relpath, where, f"承诺种类“{'、'.join(sorted(bad))}”无效，应为上岗、在岗或离岗"))
            if not roles and problems is not None:
                problems.append(PledgeProblem(p.relpath, where, f"承诺条目“{e['article']}”没有写明适用的角色（roles）"))
            out.append((ob, roles, kinds))
    return out


# --- what the signer does, in the first person -------------------------------------------------

# a sentence's actor is the subject of its duty: the words before its modal verb, or (when the
# clause with the modal starts with it: 涉密人员离岗前，应当……) the start of the sentence
_MODAL = re.compile(r"应当|必须|不得|严禁|禁止|不准|须|可以|负责")
_SENTENCE = re.compile(r"[^。；;]+[。；;]?")


@dataclass(frozen=True)
class Signer:
    """Who signs a form (the words that name the role and the roles whose duties bind it) and who
    else an article may name as the actor of a duty (other roles, the unit's offices: pledge.yaml
    `institutions`), longest first."""

    own: tuple[str, ...]
    others: tuple[str, ...]

    def actor(self, zone: str) -> tuple[str | None, str | None]:
        """(whose, phrase) of the actor that `zone` starts with: 'own' or 'other', and the noun
        phrase naming it; (None, None) when the zone does not start with an actor (离开办公室时:
        the office is an object there, not the subject). Chinese noun phrases end in their head,
        so words that run on from the first one decide: 本单位工作人员 is a 工作人员, 所在内设机构负责人
        a 内设机构负责人."""
        lead = len(zone) - len(zone.lstrip(" \u3000各凡"))
        found = []
        for whose, words in (("own", self.own), ("other", self.others)):
            for w in words:
                i = zone.find(w, lead)
                while i >= 0:
                    found.append((i, i + len(w), whose))
                    i = zone.find(w, i + 1)
        first = [f for f in found if f[0] == lead]
        if not first:
            return None, None
        cur = max(first, key=lambda f: f[1])
        while True:
            nxt = max((f for f in found if f[0] <= cur[1] < f[1]), key=lambda f: f[1], default=None)
            if nxt is None:
                return cur[2], zone[lead:cur[1]]
            cur = nxt


def signer_for(role_list, bound_by: set[str], institutions: list[str]) -> Signer:
    own, others = set(), set(institutions)
    for r in role_list:
        (own if r.key in bound_by else others).update(r.words)
    own |= set(bound_by)
    others -= own
    order = lambda ws: tuple(sorted(ws, key=len, reverse=True))  # noqa: E731
    return Signer(order(own), order(others))


def _sentence_actor(sentence: str, signer: Signer) -> tuple[str | None, str | None]:
    segments = sentence.split("，")
    for i, seg in enumerate(segments):
        m = _MODAL.search(seg)
        if m is None:
            continue
        zone = seg[:m.start()]
        whose, word = signer.actor(zone)
        if whose is None and i > 0:
            whose, word = signer.actor(segments[0])
        return whose, word
    for seg in segments:                 # no modal: 证件由组织人事部门集中保管 is the department's act
        i = seg.find("由")
        if i >= 0 and signer.actor(seg[i + 1:])[0] == "other":
            return "other", None
    return signer.actor(segments[0])


def in_first_person(paragraphs, signer: Signer) -> list[str]:
    """The display lines of `paragraphs` that state what the signer does, in the first person:
    a sentence whose duty falls on someone else (保密办公室应当与其谈话, 信息系统管理员应当撤销其账号)
    is left out, with the items it introduces; the signer's name as the actor becomes 本人."""
    out = []
    for p in paragraphs:
        kept, last_whose = [], None
        for sentence in _SENTENCE.findall(p.text or ""):
            whose, word = _sentence_actor(sentence, signer)
            last_whose = whose
            if whose == "other":
                continue
            kept.append(sentence.replace(word, "本人", 1) if whose == "own" else sentence)
        if kept:
            text = "".join(kept)
            out.append(text[:-1] + "。" if text.endswith(("；", ";")) and not p.items else text)
        if p.items and (kept or not p.text) and last_whose != "other":
            out.extend(paragraph_lines(p)[1 if p.text else 0:])
    return out


# --- forms --------------------------------------------------------------------------------

def _fmt(text: str, **kw) -> str:
    try:
        return text.format(**kw)
    except (KeyError, IndexError, ValueError):
        return text


def pledge_forms(corpus: Corpus, problems: list[PledgeProblem] | None = None, *,
                 roles: list[str] | None = None, kinds: list[str] | None = None) -> list[Form]:
    """Every form that has at least one obligation (all roles of roles.yaml × 上岗/在岗/离岗),
    optionally only for the given roles and kinds. Pass a list as `problems` to collect the
    entries that could not be used."""
    data = corpus.data
    tpl = load_template(data)
    role_list = list(data.roles) if data is not None else []
    anc = role_ancestors(role_list)
    names = {r.key: r.name for r in role_list}
    entries = collect(corpus, problems)
    for _, rs, _ in entries:          # roles named only in entries still get forms
        for r in sorted(rs):
            if r not in anc:
                anc[r] = {r}
                names.setdefault(r, r)
    unit = getattr(getattr(corpus, "config", None), "unit", "") or ""
    institutions = list(tpl.institutions)
    forms, reported = [], set()
    for role in anc:
        if roles and role not in roles:
            continue
        bound_by = anc[role]
        signer = signer_for(role_list, bound_by, institutions)
        for kind in KINDS:
            if kinds and kind not in kinds:
                continue
            obs, keys = [], set()
            for ob, rs, ks in entries:
                if kind in ks and rs & bound_by and (ob.policy_id, ob.key) not in keys:
                    keys.add((ob.policy_id, ob.key))
                    lines = in_first_person(ob.paragraphs, signer) if ob.paragraphs else ob.lines
                    if not lines:
                        if problems is not None and (ob.policy_path, ob.key, role) not in reported:
                            reported.add((ob.policy_path, ob.key, role))
                            problems.append(PledgeProblem(
                                ob.policy_path, ob.line,
                                f"承诺条目“{ob.article}”规定的是单位或其他人员的职责，没有{names.get(role, role)}"
                                "本人应当做或不得做的事，未列入承诺书（承诺书只列承诺人本人的义务）"))
                        continue
                    obs.append(replace(ob, lines=lines))
            if not obs:
                continue
            forms.append(build_form(tpl, role, names.get(role, role), kind, obs, bound_by, unit))
    return forms


def build_form(tpl: PledgeTemplate, role: str, role_name: str, kind: str, obligations: list[Obligation],
               bound_by: set[str], unit: str = "") -> Form:
    k = tpl.kinds[kind]
    confirmations = [c.text for c in k.confirmations if not c.roles or c.roles & bound_by]
    options = [(o.label, bool(o.role) and o.role == role) for o in tpl.level_options]
    return Form(
        role=role, role_name=role_name, kind=kind,
        title=_fmt(k.title or tpl.title or "{role}{kind}保密承诺书", role=role_name, kind=kind, unit=unit),
        preamble=_fmt(k.preamble, role=role_name, kind=kind, unit=unit),
        obligations=obligations,
        confirmations=confirmations,
        person_fields=list(tpl.person_fields),
        level_label=tpl.level_label,
        level_options=options,
        extra_fields=list(k.fields),
        closing=tpl.closing,
        signature_fields=list(tpl.signature_fields),
        unit_heading=tpl.unit_heading,
        unit_fields=list(tpl.unit_fields),
        unit="" if unit in ("", "本单位") else unit,
    )


# --- the form as a document -----------------------------------------------------------------

def _field(label: str) -> Field:
    return Field(label, "date" if label.endswith("日期") else "blank")


def form_group(form: Form, link=None) -> Group:
    """One form as blocks, in a `Group(role="pledge")`: the unit and title, the fields to fill in
    (涉密等级 a choice of boxes), the preamble, each obligation (its lines, then its citation,
    the last line kept with the citation), and the end of the form kept together and on the page
    of the last obligation: confirmations, closing, signature, the unit's box.

    `link(obligation) -> str | None` may give an address for each citation."""
    g = Group(role="pledge", anchor=f"pledge-{form.slug}")
    if form.unit:
        g.add(Para(form.unit, "form-unit"))
    g.add(Title(form.title))
    g.add(Fields([*(_field(x) for x in form.person_fields),
                  Field(form.level_label, "choice", list(form.level_options)),
                  *(_field(x) for x in form.extra_fields)], layout="grid", per_row=2))
    g.add(Para(form.preamble, "preamble"))
    obligations = Group(role="obligations")
    for i, ob in enumerate(form.obligations, 1):
        item = Group(role="obligation", data={"policy": ob.policy_id, "anchor": ob.anchor})
        for j, line in enumerate(ob.lines):
            item.add(Para((grammar.g1_marker(i) if j == 0 else "") + line, "body"))
        if item.blocks:
            # the citation is never alone at the top of a page (the obligation may run over one)
            item.blocks[-1].keep_with_next = True
        target = link(ob) if link else None
        item.add(Para.of([Run("（"), Run(ob.citation, href=target), Run("）")], "citation"))
        obligations.add(item)
    g.add(obligations)
    end = Group(role="end", together=True, with_previous=bool(form.obligations))
    for c in form.confirmations:
        end.add(Para(f"□\u3000{c}", "check"))
    if form.closing:
        end.add(Para(form.closing, "closing"))
    if form.signature_fields:
        end.add(Fields([_field(x) for x in form.signature_fields], layout="lines"))
    if form.unit_fields:
        end.add(Fields([Field(x) for x in form.unit_fields], layout="box", heading=form.unit_heading))
    g.add(end)
    return g


def pledge_document(form: Form | list[Form], link=None) -> Document:
    """The form(s) as a neutral `Document`, one form a page; rendered by
    `document.html_render`, `document.text_render` and `document.form_docx`."""
    forms = form if isinstance(form, list) else [form]
    doc = Document(title=forms[0].title if len(forms) == 1 else "保密承诺书", subject="保密承诺书")
    for n, f in enumerate(forms):
        if n:
            doc.add(Break())
        doc.add(form_group(f, link))
    return doc


# --- the outputs (renderers of the document) ---------------------------------------------------

def render_fragment(form: Form, link=None) -> str:
    """The form as an <article> element (for embedding in a handbook page)."""
    from ..document import html_render

    return html_render.fragment(pledge_document(form, link))


def render_html(form: Form | list[Form], link=None) -> str:
    """A self-contained HTML page (A4 print) with one form, or several forms one per page."""
    from ..document import html_render

    return html_render.page(pledge_document(form, link), css=html_render.PLEDGE_CSS)


def render_text(form: Form | list[Form]) -> str:
    from ..document import text_render

    return text_render.render(pledge_document(form))


def build_docx(form: Form | list[Form]):
    """A python-docx Document with the form(s), one per page."""
    from ..document import form_docx

    return form_docx.build(pledge_document(form))


def write_docx(form: Form | list[Form], path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    build_docx(form).save(str(path))
    return path
