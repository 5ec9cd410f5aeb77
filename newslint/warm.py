"""Importing this module loads, in the importing process, the data the default rules read
lazily (packs, word lists and frequencies, candidate and lemma tables, zone facts), then keeps
it out of the cyclic garbage collector's sweeps.

It exists to be the ``preload`` of the forkserver that worker pools fork from (see
:mod:`newslint.pool`): the forkserver warms once, and every worker starts with the data in
pages shared copy-on-write instead of loading a copy of its own (less memory per worker, no
start-up wait). Nothing else imports it. Whatever a run's own configuration needs beyond the
defaults, its workers still load as they go; a failure here only loses the head start.
"""

from __future__ import annotations

import gc
from contextlib import suppress

# An article on which the default rules load everything they read lazily: a typo, grammar
# slips, a name spelled two ways, relative days, a zone, mojibake, UI residue.
WARM_UP_TEXT = (
    "Share it:\n"
    "The administration is play hardball with the intelliegence committee, Zelensky said. "
    "Zelenksy could of been clearer: he didn't went to an university an hour before the the vote.\n\n"
    "The talks began on Thursday (AEDT) and ended yesterday at 10am local time, Kyiv and Kiev officials say. "
    "They\u2019re \u00e2\u20ac\u0153close\u00e2\u20ac\u009d to a deal.  \n"
)


def warm_up() -> None:
    """Run the default rules (and their fixes) once over :data:`WARM_UP_TEXT`, then freeze
    what is alive out of the collector: a sweep writes to the header of every object it
    visits, which would copy each shared page into every worker that runs one."""
    from newslint.document import Document, Metadata
    from newslint.engine import Linter
    from newslint.fix import fix_document
    from newslint.model import Applicability

    doc = Document(WARM_UP_TEXT, "warm-up.txt", Metadata(title="Talks", url="https://example.com/a", published="2025-03-06"))
    fix_document(doc, Linter().lint, Applicability.UNSAFE)
    gc.collect()
    gc.freeze()


with suppress(Exception):  # only a head start: each worker still loads (and reports) for itself
    warm_up()
