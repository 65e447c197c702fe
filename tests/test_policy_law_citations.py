"""Every citation of a registered law's article in policies/ (《中华人民共和国保守国家秘密法》第X条,
保密法第X条, …) says what the cited article of the law's current text says: the citing sentence's
subject words appear in that article (character bigrams, baomi.laws.cite)."""

from __future__ import annotations

import pytest

from baomi.config import load
from baomi.laws import cite
from baomi.laws.registry import default_corpus
from baomi.laws.statute import read_statute
from baomi.lint import load_corpus
from baomi.numerals import to_chinese
from helpers import ROOT

CORPUS = default_corpus(ROOT)
pytestmark = pytest.mark.skipif(CORPUS is None, reason="../shared/corpus/laws（法律法规文本）不在本机：无法核对所引条文")

# share of the sentence's subject words found in the cited article(s). Subject words: bigrams of the
# sentence (without the citations and the words every secrecy article uses) that the cited law uses
# somewhere; the unit's own words (保密办公室, 内设机构) are not the law's subject.
MIN_SHARE = 0.5
MIN_EACH = 2        # every article cited in the sentence shares at least this many with it


def law_citations():
    """(path, line, sentence, [(law, number, current text file)…]) for each sentence citing a law article."""
    config = load(ROOT)
    corpus = load_corpus(config)
    corpus.ensure_references()
    laws = {e.key: e for e in corpus.data.laws}
    by_sentence: dict = {}
    for r in corpus.references:
        if r.kind != "law" or not r.article or not r.target_law:
            continue
        e = laws.get(r.target_law)
        sentence = cite.sentence_at(r.source.lines[r.line - 1], r.col - 1)
        by_sentence.setdefault((r.source.relpath, r.line, sentence), []).append(
            (r.target_law, r.article[0], (e.texts.current or None) if e is not None else None))
    return [(p, ln, s, cited) for (p, ln, s), cited in by_sentence.items()]


CITATIONS = law_citations() if CORPUS is not None else []


def test_the_rule_book_cites_law_articles():
    assert sum(len(c[3]) for c in CITATIONS) >= 3, CITATIONS


@pytest.mark.parametrize("path,line,sentence,cited", CITATIONS,
                         ids=[f"{c[0]}:{c[1]}" for c in CITATIONS])
def test_citation_says_what_the_article_says(path, line, sentence, cited):
    missing_text = [f"{law}第{to_chinese(n)}条" for law, n, text in cited if not text]
    if missing_text:
        pytest.skip(f"{path}:{line}: 法规库没有{'、'.join(missing_text)}所属法规的文本（texts），本处无法核对")
    vocab, union, labels = set(), set(), []
    for law, n, text in cited:
        st = read_statute(CORPUS / text)
        article = st.articles.get(n)
        assert article, f"{path}:{line}: {law}没有第{to_chinese(n)}条（共{st.article_count}条）"
        for t in st.articles.values():
            vocab |= cite.bigrams(t)
        union |= cite.bigrams(article)
        labels.append((f"{law}第{to_chinese(n)}条", cite.bigrams(article)))
    words = cite.content_words(sentence) & vocab
    assert words, f"{path}:{line}: 句子“{sentence}”没有可与所引条文核对的内容"
    share = len(words & union) / len(words)
    assert share >= MIN_SHARE, (f"{path}:{line}: 句子“{sentence}”的主题词只有{share:.0%}见于所引条文"
                                f"（{'、'.join(lab for lab, _ in labels)}），应不少于{MIN_SHARE:.0%}；"
                                f"条文中没有：{'、'.join(sorted(words - union)[:12])}")
    for lab, bg in labels:
        assert len(words & bg) >= MIN_EACH, f"{path}:{line}: 句子“{sentence}”与所引{lab}几乎没有共同的字词"


def test_a_wrong_article_would_fail():
    """The measure separates: the sentence about 离岗 does not fit 保密法第十七条 (定密权限)."""
    law = read_statute(CORPUS / "行政法/保守国家秘密法(2024-02-27).md")
    vocab = set().union(*(cite.bigrams(t) for t in law.articles.values()))
    words = cite.content_words("涉密人员离岗离职的，依照保密法第十七条的规定实行脱密期管理。") & vocab
    assert len(words & cite.bigrams(law.articles[17])) / len(words) < MIN_SHARE
    assert len(words & cite.bigrams(law.articles[46])) / len(words) >= MIN_SHARE
