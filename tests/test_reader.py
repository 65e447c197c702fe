from baomi.reader import decode

TEXT = "---\nid: BM-01\n---\n\n# 标题\n\n第一条 为了保守国家秘密，制定本制度。\n"


def test_utf8_plain():
    r = decode(TEXT.encode("utf-8"))
    assert r.text == TEXT and r.problem is None


def test_utf8_bom_is_accepted_and_stripped():
    r = decode(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert r.text == TEXT and r.had_bom


def test_crlf_is_normalised_but_lines_are_kept():
    r = decode(TEXT.replace("\n", "\r\n").encode("utf-8"))
    assert r.text == TEXT and r.had_crlf
    assert r.text.count("\n") == TEXT.count("\n")


def test_gb18030_is_explained_not_guessed():
    r = decode(TEXT.encode("gb18030"))
    assert r.text is None
    assert "GB18030" in r.problem and "UTF-8" in r.problem and "iconv" in r.problem
    assert r.line >= 1


def test_gbk_error_points_at_first_bad_line():
    data = ("---\nid: BM-01\n---\n\n").encode("utf-8") + "第一条 保密".encode("gbk")
    r = decode(data)
    assert r.text is None and r.line == 5


def test_binary_is_explained():
    r = decode(b"PK\x03\x04" + bytes(range(256)) * 4)
    assert r.text is None and "二进制" in r.problem


def test_utf16_is_explained():
    r = decode(TEXT.encode("utf-16"))
    assert r.text is None and "UTF-16" in r.problem
