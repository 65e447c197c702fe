"""Language rules checked against the reference lexicon (baomi/lexicon) and schemas/language.yaml."""
