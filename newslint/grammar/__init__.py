"""Helpers for the built-in grammar rules (``newslint.checks.grammar``).

``triggers``: one cheap search of the whole text per rule, for the places a slip may be;
``tokens``: the sentences holding those places cut into words, numbers and punctuation with
their offsets; ``lexicon``: word classes and verb forms derived once from lemminflect's
tables into a compact cached table, and wordfreq's frequencies through the spelling
lexicon; ``articles``: whether a word starts with a vowel or a consonant sound, for
"a"/"an"; ``verbs``: the be + bare verb analysis.
"""
