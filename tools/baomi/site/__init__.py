"""The handbook site: corpus → pages and search index (adapter-neutral), plus the MkDocs adapter.

Only `mkdocs_adapter.py` imports MkDocs; `pages.py`, `search_index.py` and `build.py` work on
plain strings and files so that the site can move to another generator.
"""
