"""Generated documents: 保密承诺书 (pledge forms), 修订对照表 (revision tables) and the
自查自评 coverage table, each built from the rule book so it cannot drift from it.

Modules here import python-docx only inside the functions that write .docx files; the lint
path imports none of them.
"""
