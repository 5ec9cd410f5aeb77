"""Spelling support for the rules in :mod:`newslint.checks.spelling`.

- :mod:`newslint.spelling.lexicon`: the word data of a language (a curated word list, word
  frequencies, candidate search), loaded lazily and once per process, from newslint's cache
  of derived tables when it is warm;
- :mod:`newslint.spelling.tables`: word tables stored as bytes, ready as soon as they are read;
- :mod:`newslint.spelling.tokens`: an article's words as the rules count them, counted in C,
  placed only where a rule needs them;
- :mod:`newslint.spelling.vocabulary`: the words a user declares (configuration and word-list
  files) and the baseline that appends an archive's unknown words to a list.

No data ships inside newslint: the word lists and frequencies come from the packages it
depends on (see ``lexicon.py`` for which, and their licences).
"""
