"""Does a word start with a vowel sound or a consonant sound? The choice between "a" and "an"
follows the sound, not the letter: "an hour", "a university", "an FBI agent", "a US official",
"an 18-year-old", "a one-off".

:func:`sound` answers "vowel", "consonant", or ``None`` when the spelling does not settle it
("historic" and "herb" are said both ways; "NASA" is read as a word but "NIH" letter by letter;
"Uber" and "Uighur" do not sound as they look). The rule reports only settled cases.

The exceptions are short closed lists: the English words whose "u", "eu" or "o" is said with a
consonant ("university", "euro", "one"), and those whose "h" is silent ("hour", "honest").
"""

from __future__ import annotations

from newslint.grammar import lexicon

VOWEL, CONSONANT = "vowel", "consonant"

# Letters whose names start with a vowel sound: "an F", "an MP", "an NHS", "an X-ray".
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")
# Beginnings said with a "y" or "w" sound although spelt with a vowel.
_CONSONANT_STEMS = (
    "eu", "ewe", "uni", "union", "unit", "univers", "unanim", "usu", "use", "usa", "usag",
    "util", "uten", "uter", "uri", "ura", "ubiq", "uku", "ufo", "ukrain", "ugand", "uruguay",
    "uzbek", "utah", "utopi", "usurp", "uvul", "ouija",
)
# "un" + a word, but said "yoon-": "union" is not "un-ion".
_UNIT_WORDS = frozenset({"union", "unions", "unit", "units", "unite", "unites", "unity"})
_ONE_WORDS = frozenset({"one", "once", "oneself", "onetime", "one-time", "one-off", "one-way"})
# Words whose "h" is silent.
_SILENT_H = ("hour", "honest", "honor", "honour", "heir")
# Words said both ways (or with a silent "h" in one country only): never reported.
_EITHER = ("herb", "histor", "hotel", "homage", "hereditary", "habitual", "hysteri", "hypothe", "humble", "heroic")
# Consonant clusters an acronym can be read as a word with ("SPAC", "STEM", "FLIR").
_WORD_ONSETS = ("SP", "ST", "SW", "SC", "SK", "SL", "SM", "SN", "SH", "FL", "FR")
# Acronyms people say both as letters and as a word ("an S-Q-L" and "a sequel").
_AMBIGUOUS_ACRONYMS = frozenset({"SQL", "SCSI", "MRSA", "FAQ", "LED", "URL"})


def sound(word: str) -> str | None:
    """The first sound of ``word`` as written in running text; ``None`` when unsure."""
    if not word:
        return None
    if word[0].isdigit():
        return _number_sound(word)
    if not word[0].isalpha():
        return None
    if len(word) == 1 or word[1] in "-.":
        return _letter_sound(word[0])  # "an F", "an X-ray", "a U.S. official"
    if "-" in word:
        return sound(word.split("-")[0])  # "an LGPL-licensed", "a one-off", "an e-mail"
    if word[0].islower() and word[1].isupper():
        return _letter_sound(word[0])  # "mRNA", "eBay": the first letter is spelt out
    if word[0].islower() and not word.islower():
        return None  # "rcParams": an identifier, said any way
    if word.isupper():
        return _acronym_sound(word)
    if word[0].isupper():
        return _name_sound(word)
    return _word_sound(word)


def _letter_sound(letter: str) -> str:
    return VOWEL if letter.upper() in _VOWEL_LETTERS else CONSONANT


def _number_sound(token: str) -> str | None:
    """Numbers as they are read: "an 8", "an 18", "an 11,000", "an 80-year-old", "a 100"."""
    lead = ""
    for ch in token:
        if not ch.isdigit():
            break
        lead += ch
    if lead.startswith("8"):
        return VOWEL
    rest = token[len(lead) :]
    if lead in ("11", "18"):
        return VOWEL
    if lead.startswith(("11", "18")) and len(lead) in (4, 5) and not rest.startswith(","):
        return None  # "1800" is "eighteen hundred" as a year, "one thousand ..." as a count
    return CONSONANT


def _acronym_sound(word: str) -> str | None:
    lower = word.lower()
    if len(word) >= 4 and lexicon.classes(lower):
        return _word_sound(lower)  # "SWAT", "STEM": a word in capitals
    if word in _AMBIGUOUS_ACRONYMS:
        return None
    first = word[0]
    if first in "AEIO":
        return VOWEL
    if first not in _VOWEL_LETTERS:
        return CONSONANT  # "a UN", "a US", "a BBC"
    second = word[1]
    if second.isalpha() and second in "AEIOUY":
        return None  # "NASA", "NATO" are words; "NIH", "SEC" are letters: cannot tell
    if len(word) >= 3 and word[:2] in _WORD_ONSETS and word[2] in "AEIOU":
        return None  # "SPAC" and "SHA" may be words, "SNCF" and "STD" are letters
    return VOWEL  # "FBI", "NHS", "MRI", "LGBT": spelt out, and the name of the letter is vowel-initial


def _name_sound(word: str) -> str | None:
    """A capitalised word: a name or the first word of a heading. Names keep their own
    pronunciation, so only the plain cases are settled."""
    lower = word.lower()
    first = lower[0]
    if first in "aeio":
        return _word_sound(lower) if lower.startswith(("eu", "one", "ou")) else VOWEL
    if first == "u":
        if lexicon.classes(lower):
            return _u_sound(lower)  # a common word capitalised: "Unusual", "University"
        return CONSONANT if lower.startswith(_CONSONANT_STEMS) else None  # "Uber", "Ulster"
    if first in "hx":
        return _word_sound(lower) if lexicon.classes(lower) else None  # "Hermès", "Xbox", "Xi"
    if first in "mn" and len(lower) > 1 and lower[1] not in "aeiouyc":
        return None  # "Mbappe", "Nkosi", "Ngozi"
    return CONSONANT


def _word_sound(word: str) -> str | None:
    """A lower-case English word (or a capitalised one treated as one)."""
    if word.startswith(_EITHER):
        return None
    first = word[0]
    if first == "h":
        return VOWEL if word.startswith(_SILENT_H) else CONSONANT
    if word in _ONE_WORDS or word.startswith("one-"):
        return CONSONANT
    if first == "o":
        return CONSONANT if word.startswith("ouija") else VOWEL
    if first in "aei":
        return CONSONANT if word.startswith(("eu", "ewe")) else VOWEL
    if first == "u":
        return _u_sound(word)
    if first == "y" and word.startswith("yt"):
        return None  # "yttrium"
    return CONSONANT


def _u_sound(word: str) -> str | None:
    if word in _UNIT_WORDS:
        return CONSONANT
    if word.startswith("un") and len(word) >= 6 and lexicon.classes(word[2:]):
        return VOWEL  # "unusual", "unaware", "unidentified": the prefix "un-" before a word
    if word.startswith(_CONSONANT_STEMS):
        return CONSONANT
    if len(word) > 2 and word[1] not in "aeiou" and word[2] not in "aeiouy":
        return VOWEL  # "uncle", "umbrella", "urgent", "upset", "ultimate"
    return None
