"""Statutes of the corpus: reading them, aligning two versions, the registry facts computed from them."""
