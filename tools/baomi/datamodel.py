"""Typed views of the most-used data files (genres, roles, categories, language, pledge, laws).

Each is built here, in one place, from the file's content as `baomi.data.Data` returns it — that
is, after the file has been checked against its schema (schemas/*.schema.json) — so no caller
reads a field by its string key or re-checks its type. The objects are frozen: a data set is read
once per run and shared by every rule and page.

The YAML formats are unchanged; a key a repository adds to an entry of its own (the schemas
allow it) is kept in the entry's `extra`, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Mapping

TRAILING_NOTE = re.compile(r"(?:[（(][^（）()]*[）)])+$")   # （试行） （2018年） at the end of a title
EMPTY: Mapping = MappingProxyType({})


def _strs(value) -> tuple[str, ...]:
    return tuple(str(v) for v in value or ())


def extra_of(entry: dict, known) -> Mapping:
    """The keys of an entry that its typed view does not name (a repository's own), read-only."""
    rest = {k: v for k, v in entry.items() if k not in known}
    return MappingProxyType(rest) if rest else EMPTY


# --- genres.yaml -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Genre:
    suffix: str                        # what the title ends with: 办法, 实施细则, 法 …
    names: tuple[str, ...]             # how the text names itself, the canonical name first


@dataclass(frozen=True)
class Genres:
    """schemas/genres.yaml: what a title ends with, how the text names itself, the words in which
    本 is not the start of a self-name (成本, 基本 …), and the lists of genres some rules treat
    otherwise (each a set of suffixes: `listed(title, genres.effective_in_order)`)."""

    genres: tuple[Genre, ...]                         # longest suffix first
    words_ending_in_ben: tuple[str, ...] = ()
    words_starting_with_ben: tuple[str, ...] = ()
    first_free: frozenset[str] = frozenset()          # first_article.free
    first_purpose_enough: frozenset[str] = frozenset()   # first_article.purpose_enough
    general_chapter_names: tuple[str, ...] = ("总则",)
    general_chapter_topics: tuple[str, ...] = ()
    effective_in_order: frozenset[str] = frozenset()
    quotes_amended_text: frozenset[str] = frozenset()
    supplementary_optional: frozenset[str] = frozenset()
    numbering_continues: frozenset[str] = frozenset()
    short_law_names: frozenset[str] = frozenset()

    @classmethod
    def from_data(cls, raw: dict | None) -> Genres:
        """From genres.yaml's validated content; the built-in genres when there is none."""
        raw = raw or _GENRES_FALLBACK
        entries = [Genre(str(e["suffix"]), _strs(e.get("self"))) for e in raw.get("genres") or ()]
        fa = raw.get("first_article") or {}
        return cls(
            genres=tuple(sorted(entries, key=lambda g: -len(g.suffix))),
            words_ending_in_ben=_strs(raw.get("words_ending_in_ben")),
            words_starting_with_ben=_strs(raw.get("words_starting_with_ben")),
            first_free=frozenset(_strs(fa.get("free"))),
            first_purpose_enough=frozenset(_strs(fa.get("purpose_enough"))),
            general_chapter_names=_strs(raw.get("general_chapter_names")) or ("总则",),
            general_chapter_topics=_strs(raw.get("general_chapter_topics")),
            effective_in_order=frozenset(_strs(raw.get("effective_in_order"))),
            quotes_amended_text=frozenset(_strs(raw.get("quotes_amended_text"))),
            supplementary_optional=frozenset(_strs(raw.get("supplementary_optional"))),
            numbering_continues=frozenset(_strs(raw.get("numbering_continues"))),
            short_law_names=frozenset(_strs(raw.get("short_law_names"))),
        )

    # derived once (a frozen dataclass keeps cached_property values in its own __dict__)
    @cached_property
    def suffixes(self) -> tuple[str, ...]:
        return tuple(g.suffix for g in self.genres)

    @cached_property
    def all_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n for g in self.genres for n in g.names))

    @cached_property
    def _before_ben(self) -> dict[int, frozenset[str]]:
        heads: dict[int, set[str]] = {}
        for w in self.words_ending_in_ben:
            if len(w) > 1:
                heads.setdefault(len(w) - 1, set()).add(w[:-1])
        return {n: frozenset(h) for n, h in heads.items()}

    @cached_property
    def any_self(self) -> re.Pattern:
        alt = "|".join(re.escape(n[1:]) for n in sorted(self.all_names, key=len, reverse=True))
        return re.compile(f"本(?:{alt})")

    @cached_property
    def reportable(self) -> re.Pattern:
        # a self-name one character long (本法) also begins many words (本法定代表人 is 本 + 法定…):
        # it is accepted where it stands, but never reported as a wrong self-name
        alt = "|".join(re.escape(n[1:]) for n in sorted(self.all_names, key=len, reverse=True) if len(n) > 2)
        return re.compile(f"本(?:{alt})(?![^《》]*》)")

    def self_names(self, title: str | None) -> tuple[str, ...] | None:
        """Accepted self-names for a title, the canonical one first; None for an unknown genre."""
        g = self._genre(title)
        return g.names if g is not None else None

    def genre_of(self, title: str | None) -> str | None:
        """The genre (the title's suffix in genres.yaml: 法, 条例, 实施细则 …); None when unknown."""
        g = self._genre(title)
        return g.suffix if g is not None else None

    def listed(self, title: str | None, genres) -> bool:
        """True when the genre of `title` is one of `genres` (one of the lists above:
        `self.effective_in_order`, `self.quotes_amended_text` …)."""
        if isinstance(genres, str):     # the list's name, as the untyped loader took it
            raise TypeError(f"Genres.listed 需要体裁列表（如 g.{genres}），不是列表名 {genres!r}")
        return bool(genres) and self.genre_of(title) in genres

    def _genre(self, title: str | None) -> Genre | None:
        if not title:
            return None
        t = TRAILING_NOTE.sub("", title.strip())
        return next((g for g in self.genres if t.endswith(g.suffix)), None)

    def starts_word(self, text: str, i: int) -> bool:
        """True when the 本 at text[i] begins a word (it is not the end of 成本, 基本 …)."""
        for n, heads in self._before_ben.items():
            if i >= n and text[i - n:i] in heads:
                return False
        return True

    def other_word(self, text: str, i: int, name: str) -> bool:
        """True when the 本… at text[i] can be read as a shorter 本-word (本章程序 = 本章 + 程序)."""
        return any(len(w) < len(name) and text.startswith(w, i) for w in self.words_starting_with_ben)

    def find_self(self, text: str, rx=None):
        """Matches of self-names in `text` whose 本 begins a word."""
        for m in (rx or self.any_self).finditer(text):
            if self.starts_word(text, m.start()):
                yield m


# used when no data is at hand (and when genres.yaml is absent from every data directory)
_GENRES_FALLBACK = {"genres": [{"suffix": n, "self": ["本" + n]} for n in
                               ("制度", "规定", "办法", "细则", "守则", "规则", "准则", "方案", "条例")]}
FALLBACK_GENRES = Genres.from_data(_GENRES_FALLBACK)


# --- roles.yaml --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Role:
    """One role of roles.yaml: the people a policy binds (涉密人员 …)."""

    key: str
    name: str
    description: str = ""
    includes: tuple[str, ...] = ()       # roles its obligations also bind (transitively)
    mentions: tuple[str, ...] = ()       # other words the articles use for it
    source: str = ""
    extra: Mapping = field(default_factory=lambda: EMPTY, compare=False, repr=False)   # its own keys

    @classmethod
    def from_data(cls, e: dict) -> Role:
        key = str(e["key"])
        return cls(key=key, name=str(e.get("name") or key), description=str(e.get("description") or ""),
                   includes=_strs(e.get("includes")), mentions=_strs(e.get("mentions")),
                   source=str(e.get("source") or ""), extra=extra_of(e, _ROLE_KEYS))

    @property
    def words(self) -> tuple[str, ...]:
        """Every word that names the role in an article: its key, its name, its mentions."""
        return tuple(dict.fromkeys((self.key, self.name, *self.mentions)))


_ROLE_KEYS = frozenset({"key", "name", "description", "includes", "mentions", "source"})


def roles_from(raw: dict | None) -> tuple[Role, ...]:
    """roles.yaml's validated content as Roles, in file order."""
    return tuple(Role.from_data(e) for e in (raw or {}).get("roles") or ())


# --- categories.yaml ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Category:
    """One category of categories.yaml (front matter `category` takes its key)."""

    key: str
    name: str
    required: bool = False               # one of the ten the 自查自评 requires a policy for
    description: str = ""
    source: str = ""
    mandated_chapters: tuple[str, ...] = ()   # the chapter outline `baomi new` suggests
    aliases: tuple[str, ...] = ()        # other words for it in a title (the import's guess; optional)
    extra: Mapping = field(default_factory=lambda: EMPTY, compare=False, repr=False)   # its own keys

    @classmethod
    def from_data(cls, e: dict) -> Category:
        key = str(e["key"])
        return cls(key=key, name=str(e.get("name") or key), required=bool(e.get("required")),
                   description=str(e.get("description") or ""), source=str(e.get("source") or ""),
                   mandated_chapters=_strs(e.get("mandated_chapters")), aliases=_strs(e.get("aliases")),
                   extra=extra_of(e, _CATEGORY_KEYS))


_CATEGORY_KEYS = frozenset({"key", "name", "required", "description", "source", "mandated_chapters", "aliases"})


def categories_from(raw: dict | None) -> tuple[Category, ...]:
    """categories.yaml's validated content as Categories, in file order."""
    return tuple(Category.from_data(e) for e in (raw or {}).get("categories") or ())


# --- language.yaml -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Spun:
    """A legal term and the spun variants of it the law never uses (spun)."""

    term: str
    spun: tuple[str, ...] = ()
    source: str = ""
    extra: Mapping = field(default_factory=lambda: EMPTY, compare=False, repr=False)   # its own keys


@dataclass(frozen=True)
class Redundancy:
    """A redundant wording (redundancies): a regex, what it becomes (None: deleted), why."""

    pattern: str
    right: str | None = None
    note: str = ""
    extra: Mapping = field(default_factory=lambda: EMPTY, compare=False, repr=False)   # its own keys


@dataclass(frozen=True)
class Collocations:
    """Verb–object collocations (collocations): groups of near-synonymous verbs, the modifiers
    that may stand between verb and object, how often the law must use the right verb."""

    min_count: int = 5
    modifiers: tuple[str, ...] = ()
    groups: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Classification:
    """The 密级 (classification.levels) and what is listed with them but is none (non_levels)."""

    levels: tuple[str, ...] = ("绝密", "机密", "秘密")
    non_levels: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeParticles:
    """The word lists of the 的/地/得 check (de_particles)."""

    adverbials: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()
    verbal: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    complement_verbs: tuple[str, ...] = ()
    degrees: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()


_DE_KEYS = ("adverbials", "verbs", "verbal", "objects", "complement_verbs", "degrees", "adjectives")


@dataclass(frozen=True)
class Language:
    """schemas/language.yaml: the data of the language rules (baomi.text.language, BM413, BM905).
    `lexicon` holds the parameters of the offline lexicon build (`baomi.lexicon.build`), which reads
    them from the file itself; they are kept here as written, read-only."""

    spun: tuple[Spun, ...] = ()
    collocations: Collocations = Collocations()
    classification: Classification = Classification()
    redundancies: tuple[Redundancy, ...] = ()
    bodies: tuple[tuple[str, ...], ...] = ()       # the names of one body (保密委员会, 保密工作领导小组)
    de_particles: DeParticles = DeParticles()
    lexicon: Mapping = field(default_factory=lambda: EMPTY, compare=False, repr=False)
    extra: Mapping = field(default_factory=lambda: EMPTY, compare=False, repr=False)   # its own keys

    @classmethod
    def from_data(cls, raw: dict | None) -> Language:
        """From language.yaml's validated content; no language rule data when there is none."""
        raw = raw or {}
        co = raw.get("collocations") or {}
        cl = raw.get("classification") or {}
        de = raw.get("de_particles") or {}
        return cls(
            spun=tuple(Spun(str(e["term"]), _strs(e.get("spun")), str(e.get("source", "")),
                            extra_of(e, {"term", "spun", "source"})) for e in raw.get("spun") or ()),
            collocations=Collocations(int(co.get("min_count", 5)), _strs(co.get("modifiers")),
                                      tuple(_strs(g) for g in co.get("groups") or ())),
            classification=Classification(_strs(cl.get("levels")) or Classification.levels, _strs(cl.get("non_levels"))),
            redundancies=tuple(Redundancy(str(e["pattern"]), None if e.get("right") is None else str(e["right"]),
                                          str(e.get("note", "")), extra_of(e, {"pattern", "right", "note"}))
                               for e in raw.get("redundancies") or ()),
            bodies=tuple(_strs(g) for g in raw.get("bodies") or ()),
            de_particles=DeParticles(*(_strs(de.get(k)) for k in _DE_KEYS)),
            lexicon=MappingProxyType(dict(raw.get("lexicon") or {})),
            extra=extra_of(raw, _LANGUAGE_KEYS),
        )


_LANGUAGE_KEYS = frozenset({"spun", "collocations", "classification", "redundancies", "bodies", "de_particles",
                            "lexicon"})


# --- pledge.yaml -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Confirmation:
    """One thing the signer confirms (kinds.<kind>.confirmations)."""

    text: str
    roles: frozenset[str] = frozenset()    # only on the forms of these roles (and those including them); none: all


@dataclass(frozen=True)
class PledgeKind:
    """The fixed text of one kind of form (上岗, 在岗, 离岗)."""

    preamble: str = ""
    title: str = ""                          # "" : the template's title
    confirmations: tuple[Confirmation, ...] = ()
    fields: tuple[str, ...] = ()             # the fields this kind adds (培训日期 …)
    extra: Mapping = field(default_factory=lambda: EMPTY, compare=False, repr=False)   # its own keys


@dataclass(frozen=True)
class LevelOption:
    """One box of the 涉密等级 field, ticked on the form of its role."""

    label: str
    role: str = ""


@dataclass(frozen=True)
class PledgeTemplate:
    """schemas/pledge.yaml: the fixed text of the 保密承诺书 (the obligations come from the policies)."""

    kinds: Mapping[str, PledgeKind] = field(default_factory=lambda: EMPTY, compare=False)
    title: str = ""                          # may use {role} {kind} {unit}
    institutions: tuple[str, ...] = ()       # bodies whose duties are not the signer's
    closing: str = ""
    person_fields: tuple[str, ...] = ()
    level_label: str = "涉密等级"
    level_options: tuple[LevelOption, ...] = ()
    signature_fields: tuple[str, ...] = ()
    unit_heading: str = ""
    unit_fields: tuple[str, ...] = ()
    extra: Mapping = field(default_factory=lambda: EMPTY, compare=False, repr=False)   # its own keys

    @classmethod
    def from_data(cls, raw: dict) -> PledgeTemplate:
        level = raw.get("level") or {}
        return cls(
            kinds=MappingProxyType({str(name): _pledge_kind(k) for name, k in (raw.get("kinds") or {}).items()
                                    if isinstance(k, dict)}),
            title=str(raw.get("title") or ""),
            institutions=_strs(raw.get("institutions")),
            closing=str(raw.get("closing") or ""),
            person_fields=_strs(raw.get("person_fields")),
            level_label=str(level.get("label") or "涉密等级"),
            level_options=tuple(LevelOption(str(o.get("label")), str(o.get("role") or "")) if isinstance(o, dict)
                                else LevelOption(str(o)) for o in level.get("options") or ()),
            signature_fields=_strs(raw.get("signature_fields")),
            unit_heading=str(raw.get("unit_heading") or ""),
            unit_fields=_strs(raw.get("unit_fields")),
            extra=extra_of(raw, _PLEDGE_KEYS),
        )


_PLEDGE_KEYS = frozenset({"kinds", "title", "institutions", "closing", "person_fields", "level", "signature_fields",
                          "unit_heading", "unit_fields"})


def _pledge_kind(k: dict) -> PledgeKind:
    confirmations = []
    for c in k.get("confirmations") or ():
        if isinstance(c, str):
            confirmations.append(Confirmation(c))
        elif isinstance(c, dict) and c.get("text"):
            confirmations.append(Confirmation(str(c["text"]), frozenset(str(r) for r in c.get("roles") or ())))
    return PledgeKind(preamble=str(k.get("preamble") or ""), title=str(k.get("title") or ""),
                      confirmations=tuple(confirmations), fields=_strs(k.get("fields")),
                      extra=extra_of(k, {"preamble", "title", "confirmations", "fields"}))


def pledge_from(raw: dict | None) -> PledgeTemplate | None:
    """pledge.yaml's validated content as a PledgeTemplate; None when there is none."""
    return PledgeTemplate.from_data(raw) if isinstance(raw, dict) else None


# --- laws.yaml ---------------------------------------------------------------------------------

def _opt_int(value) -> int | None:
    return None if value is None else int(value)


@dataclass(frozen=True)
class LawVersion:
    """One version of a law (`version`, and each entry of `history`): its dates and 文号."""

    adopted: str = ""
    revised: str = ""
    effective: str = ""
    document: str = ""
    extra: Mapping = field(default_factory=lambda: EMPTY, compare=False, repr=False)   # year, amended_by …

    @classmethod
    def from_data(cls, v: dict | None) -> LawVersion:
        v = v if isinstance(v, dict) else {}
        return cls(*(str(v.get(k) or "") for k in ("adopted", "revised", "effective", "document")),
                   extra=extra_of(v, _LAW_VERSION_KEYS))

    @property
    def date(self) -> str:
        """The date of the version: its last revision, else its adoption ("" when neither is known)."""
        return self.revised or self.adopted


_LAW_VERSION_KEYS = frozenset({"adopted", "revised", "effective", "document"})


@dataclass(frozen=True)
class LawTexts:
    """The corpus files (../shared/corpus/laws) the entry's facts are read from."""

    current: str = ""
    previous: str = ""

    def items(self) -> tuple[tuple[str, str], ...]:
        """(which, file) of the texts named, current first."""
        return tuple((w, f) for w, f in (("current", self.current), ("previous", self.previous)) if f)


@dataclass(frozen=True)
class OldNumbers:
    """The previous version (computed from the texts): its date, counts and old → new article map
    (None: the old article has no counterpart)."""

    version: str = ""
    article_count: int | None = None
    chapters: int | None = None
    map: Mapping[int, int | None] = field(default_factory=lambda: EMPTY)

    @classmethod
    def from_data(cls, o: dict) -> OldNumbers:
        return cls(str(o.get("version") or ""), _opt_int(o.get("article_count")), _opt_int(o.get("chapters")),
                   MappingProxyType({int(k): _opt_int(v) for k, v in (o.get("map") or {}).items()}))

    def as_data(self) -> dict:
        """The form laws.yaml writes (and `baomi.laws.registry.compute` returns)."""
        return {"version": self.version or None, "article_count": self.article_count, "chapters": self.chapters,
                "map": dict(self.map)}


@dataclass(frozen=True)
class Renumbered:
    """A commonly cited article that moved (old: its number before the revision)."""

    old: int
    new: int
    topic: str = ""


@dataclass(frozen=True)
class KeyArticle:
    article: int
    topic: str = ""


@dataclass(frozen=True)
class RenamedTerm:
    """A term the revision renamed (保密工作部门 → 保密行政管理部门); `extra`: since, source …"""

    old: str
    new: str
    extra: Mapping = field(default_factory=lambda: EMPTY, compare=False, repr=False)   # its own keys


@dataclass(frozen=True)
class Law:
    """One law of schemas/laws.yaml (the registry `basis:` names; xref resolves citations to it)."""

    key: str
    full_name: str
    status: str = "现行"
    short_names: tuple[str, ...] = ()
    kind: str = ""
    issuer: str = ""
    version: LawVersion = LawVersion()
    history: tuple[LawVersion, ...] = ()
    texts: LawTexts = LawTexts()
    article_count: int | None = None
    chapters: int | None = None
    old_numbers: OldNumbers | None = None
    renumbered: tuple[Renumbered, ...] = ()
    key_articles: tuple[KeyArticle, ...] = ()
    renamed_terms: tuple[RenamedTerm, ...] = ()
    verified: bool = False
    unverified: tuple[str, ...] = ()
    source: str = ""
    notes: str = ""
    extra: Mapping = field(default_factory=lambda: EMPTY, compare=False, repr=False)   # its own keys

    @classmethod
    def from_data(cls, e: dict) -> Law:
        key = str(e["key"])
        texts = e.get("texts") if isinstance(e.get("texts"), dict) else {}
        old = e.get("old_numbers")
        return cls(
            key=key, full_name=str(e.get("full_name") or ""), status=str(e.get("status") or "现行"),
            short_names=_strs(e.get("short_names")), kind=str(e.get("kind") or ""), issuer=str(e.get("issuer") or ""),
            version=LawVersion.from_data(e.get("version")),
            history=tuple(LawVersion.from_data(h) for h in e.get("history") or () if isinstance(h, dict)),
            texts=LawTexts(str(texts.get("current") or ""), str(texts.get("previous") or "")),
            article_count=_opt_int(e.get("article_count")), chapters=_opt_int(e.get("chapters")),
            old_numbers=OldNumbers.from_data(old) if isinstance(old, dict) else None,
            renumbered=tuple(Renumbered(int(r["old"]), int(r["new"]), str(r.get("topic") or ""))
                             for r in e.get("renumbered") or () if isinstance(r, dict)),
            key_articles=tuple(KeyArticle(int(a["article"]), str(a.get("topic") or ""))
                               for a in e.get("key_articles") or () if isinstance(a, dict)),
            renamed_terms=tuple(RenamedTerm(str(r.get("old") or ""), str(r.get("new") or ""),
                                            extra_of(r, {"old", "new"}))
                                for r in e.get("renamed_terms") or () if isinstance(r, dict)),
            verified=e.get("verified") is True, unverified=_strs(e.get("unverified")),
            source=str(e.get("source") or ""), notes=str(e.get("notes") or ""), extra=extra_of(e, _LAW_KEYS))

    @property
    def name(self) -> str:
        """How pages title it: the full name, else the key."""
        return self.full_name or self.key

    @property
    def names(self) -> tuple[str, ...]:
        """Its full name (when given) and its short names, in that order."""
        return tuple(dict.fromkeys(n for n in (self.full_name, *self.short_names) if n))

    def proves(self, fact: str) -> bool:
        """The registry proves this fact of the entry (a text here says it, and it is not listed unverified)."""
        return fact not in self.unverified and (self.verified or bool(self.texts.current or self.texts.previous))

    @property
    def old_map(self) -> Mapping[int, int | None]:
        """{old number: new number or None} of the previous version, empty without one."""
        return self.old_numbers.map if self.old_numbers is not None else EMPTY


_LAW_KEYS = frozenset({"key", "full_name", "status", "short_names", "kind", "issuer", "version", "history", "texts",
                       "article_count", "chapters", "old_numbers", "renumbered", "key_articles", "renamed_terms",
                       "verified", "unverified", "source", "notes"})


def laws_from(raw) -> tuple[Law, ...]:
    """laws.yaml's validated content as Laws, in file order (entries without a key are skipped)."""
    if isinstance(raw, dict):
        raw = raw.get("laws") or ()
    return tuple(Law.from_data(e) for e in raw or () if isinstance(e, dict) and e.get("key"))
