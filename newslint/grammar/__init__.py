"""Helpers for the built-in grammar rules (``newslint.checks.grammar``).

``tokens``: sentences cut into words, numbers and punctuation with their offsets;
``lexicon``: word classes and verb forms from lemminflect's tables and wordfreq's
frequencies, loaded lazily and once; ``articles``: whether a word starts with a vowel or a
consonant sound, for "a"/"an"; ``verbs``: the be + bare verb analysis.
"""
