"""The ``clean`` stage: set aside captions, credits, notices and link lists.

News text as scraped carries material that is not the story: photo captions
(which describe *other* moments and would create background events), agency
credits, copyright and redistribution notices, "Read also:" links, newsletter
and share prompts, cookie notices. This stage finds them and records each as a
:class:`~eventwire.model.Removed` stretch on ``article.removed``; nothing is
deleted, so ``article.clean_text`` (the text with those stretches blanked, same
length) keeps every offset valid, and the removed text stays inspectable.

The rules are line based and remove whole lines: a line that has the shape of
boilerplate (it starts with "Photo:", is only a credit, is a short "Sign up for
..." prompt, ends in a photo credit) or a short line holding a notice ("All
rights reserved", "we use cookies"). Every rule has a length limit, so a news
paragraph that merely mentions Reuters or a photo stays. The one in-line rule
cuts a parenthesised "(Reporting by ...; Editing by ...)" sign-off from the end
of a paragraph.

Datelines ("BEIRUT, Nov 9 (Reuters) -") are kept on purpose: the time
extractor anchors dates on them.
"""

from __future__ import annotations

import logging
import re

from ..config import Settings
from ..errors import ArticleError
from ..model import Article, Removed
from ..pipeline import BaseStage

__all__ = ["CleanStage", "make_stage", "find_boilerplate", "RULES"]

log = logging.getLogger(__name__)

# Lines longer than this are prose even when they start like a prompt.
SHORT_LINE = 300

_AGENCY = (r"(?:AFP|Reuters|REUTERS|AP|Associated Press|EPA|EPA-EFE|Getty Images|Anadolu(?: Agency)?|"
           r"Xinhua|ANSA|dpa|DPA|SANA|IRNA|WAFA|Shutterstock|Alamy|TASS|Sputnik|UPI|NurPhoto|SOPA Images)")

# A sign-off: "Reporting by Maya Gebeily in Beirut; Editing by Alex Richardson". Names must be
# capitalised so that prose such as "Reporting by the BBC showed ..." is not taken for one.
_ROLE = (r"(?:[Aa]dditional )?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|[Ee]dited|[Ww]ritten|[Pp]roduced|"
         r"[Dd]istributed|[Ss]yndicated|[Tt]ranslated|[Ff]act-checked)")
_NAMES = (r"[A-Z][\w.'’\-]*(?:(?:\s+|\s*,\s*|\s+and\s+|\s*&\s*|\s+in\s+|\s+at\s+|\s+de\s+|\s+al-?)"
          r"[A-Z][\w.'’\-]*)*")

# (reason, pattern, max line length), searched in the stripped line. Most are anchored at the
# line's start ("^"); the others find a notice inside a longer footer line, or a caption that
# ends in a photo credit ("...$").
# An optional 4th item is a lower-case word the line must contain, a cheap test that spares the
# unanchored patterns most lines; a 4th item "$" means: search only the line's last 120 characters.
RULES: tuple[tuple[str, re.Pattern[str], int, str | None], ...] = tuple(
    (rule[0], re.compile(rule[1]), rule[2], rule[3] if len(rule) > 3 else None)
    for rule in (
        # --- photo captions
        ("caption", r"(?i)^(?:file photo|photo|photograph|picture|image|caption|pictured|video|top photo|"
                    r"main photo|in pictures|gallery)\s*[:|]\s*\S.*$", 600),
        ("caption", r"(?i)^\(?(?:photo|image|picture|video)s?\s+(?:by|credit|courtesy(?: of)?)\s*:?\s+\S.*$", 600),
        ("caption", r"(?i)^(?:image|media|photo|video) (?:caption|source|copyright)\b\s*[,:]?.*$", 300),
        ("caption", r"(?i)^(?:an?|this|the)\s+(?:\w+\s+){0,3}(?:picture|photo|photograph|image|handout|video grab|"
                    r"screen ?grab|still image)\s+(?:\w+\s+){0,3}(?:taken|released|obtained|made available|"
                    r"provided|published|posted|distributed)\b.*\bshows?\b.*$", 600),
        # a short line that ends in a photo credit: "... in Gaza City on Nov. 8. (AFP)" / "REUTERS/Name"
        ("caption", r"(?:\((?:Photo:?\s*)?" + _AGENCY + r"(?:\s*(?:Photo|photo|via Getty Images))?"
                    r"(?:\s*/\s*[^()]{1,60})?\)|\b" + _AGENCY + r"\s*/\s*[A-Z][\w.'\- ]{1,60}|"
                    r"(?:AFP|AP|Reuters|Anadolu) via Getty Images|\|\s*" + _AGENCY + r")\s*\.?$", 500, "$"),
        # a caption credited to an outlet's file or handout picture: "... in 2016. (Gulf Dispatch/File)"
        ("caption", r"\((?:[A-Z][\w&.'\- ]{1,50}/\s*)?(?:File|FILE|Handout|HANDOUT|Pool|POOL|File Photo|"
                    r"File photo|Archive|Screengrab|Screenshot)\)\s*\.?$", 500, "$"),
        # --- credit-only lines: "Reuters", "© AFP", "Getty Images", "AP Photo/Hussein Malla"
        ("credit", r"^(?:©\s*|\(c\)\s*|Credit:\s*|Image:\s*)?(?:" + _AGENCY + r")(?:\s*Photo)?"
                   r"(?:\s*(?:/|via|-)\s*[\w.'\- ]{1,60})?\.?$", 100),
        ("credit", r"(?i)^(?:credit|photo credit|image credit|source)\s*:\s*\S.{0,100}$", 120),
        # --- legal notices and agency sign-offs
        ("legal-notice", r"(?i)^(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}|by\b)).{0,200}$", 220),
        ("legal-notice", r"(?i)\ball rights reserved\b", 400, "reserved"),
        ("legal-notice", r"(?i)\bmay not be (?:re)?published,? broadcast,?.{0,120}?(?:re)?distributed\b", 500, "distributed"),
        ("legal-notice", r"(?i)^our standards\s*:.*$", 300),
        ("credit", r"^\(?" + _ROLE + r"\s+by\s+" + _NAMES + r"(?:\s*(?:;|,|\band\b)\s*" + _ROLE + r"\s+by\s+"
                         + _NAMES + r")*\s*\)?\.?$", 450),
        # --- related links
        ("related-link", r"(?i)^(?:read also|also read|read more|more reading|see also|related|related stories|"
                         r"related coverage|related articles?|related content|more on this(?: story)?|"
                         r"recommended(?: stories)?|you may also like|don't miss|further reading|watch|listen)"
                         r"\s*[:>»|\-–—]+.*$", SHORT_LINE),
        ("related-link", r"^(?:RELATED(?: STORIES| COVERAGE| ARTICLES| CONTENT)?|READ MORE|READ ALSO|SEE ALSO|"
                         r"MORE ON THIS STORY|RECOMMENDED|MOST READ|TRENDING|TOP STORIES|MORE FROM|"
                         r"EDITOR'S PICKS|LATEST NEWS)\b.*$", SHORT_LINE),
        ("related-link", r"(?i)^(?:most read|most popular|trending(?: now)?|top stories|more stories|"
                         r"more from [\w' ]{1,40}|editor'?s picks|latest news|you might also like)\s*:?$", 60),
        ("related-link", r"(?i)^read (?:more|the full (?:story|article)|our|the latest)\b.{0,200}$", 220),
        # --- newsletter / share / subscribe prompts
        ("share-prompt", r"(?i)^(?:sign up|subscribe|register)\b.{0,200}\b(?:newsletter|updates|alerts|"
                         r"inbox|email|free|today|now|here|brief|briefing|digest|bulletin|podcast)\b.*$", 260),
        ("share-prompt", r"(?i)^(?:share (?:this|on|via)|share:|tweet this|email this|print this|"
                         r"follow (?:us|me|@)|like us on|join us on|click here|tap here|download (?:our|the) app|"
                         r"get (?:the latest|our|breaking)|support (?:our|independent) journalism|leave a comment)\b.*$",
         260),
        ("share-prompt", r"(?i)^(?:advertisement|advertising|sponsored(?: content)?|scroll to continue(?: with content)?|"
                         r"continue reading(?: below)?|comments?\s*\(\d*\)|skip advert(?:isement)?|"
                         r"story continues below(?: advertisement)?|listen to this article|"
                         r"\d+ min(?:ute)? read|print this page)\s*$", 60),
        ("share-prompt", r"(?i)^(?:facebook|twitter|whatsapp|linkedin|email|print|telegram|reddit|copy link)"
                         r"(?:\s*[|/,•·]\s*(?:facebook|twitter|x|whatsapp|linkedin|email|print|telegram|reddit|copy link))+\s*$",
         200),
        # --- cookie notices
        ("cookie-notice", r"(?i)\b(?:we|this (?:web)?site|our (?:web)?site)\s+uses?\s+cookies\b", 500, "cookie"),
        ("cookie-notice", r"(?i)\b(?:accept(?: all)? cookies|cookie (?:policy|settings|preferences|consent))\b",
         400, "cookie"),
        ("cookie-notice", r"(?i)^by (?:continuing to (?:use|browse)|using) (?:this|our) (?:web)?site\b.*$", 400),
    )
)

# In-line: a sign-off in parentheses at the end of a paragraph.
_SIGNOFF = re.compile(r"\(" + _ROLE + r"\s+by\s+[A-Z][^()]{1,300}\)\s*$")
_LINE = re.compile(r"[^\n]+")


def find_boilerplate(text: str) -> list[Removed]:
    """Every boilerplate stretch in ``text``, in order (offsets into ``text``)."""
    out: list[Removed] = []
    for m in _LINE.finditer(text):
        line = m.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = m.start() + (len(line) - len(line.lstrip()))
        end = start + len(stripped)
        low = stripped.lower()
        for reason, pattern, limit, needle in RULES:
            if len(stripped) > limit:
                continue
            if needle == "$":
                hit = pattern.search(stripped, max(0, len(stripped) - 120))
            elif needle is not None and needle not in low:
                continue
            else:
                hit = pattern.search(stripped)
            if hit:
                out.append(Removed(start, end, reason, stripped))
                break
        else:
            sign = _SIGNOFF.search(stripped)
            if sign is not None:
                s = start + sign.start()
                e = start + len(stripped.rstrip())
                out.append(Removed(s, e, "credit", text[s:e]))
    return out


class CleanStage(BaseStage):
    name = "clean"
    requires = ("text",)
    provides = ("removed",)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def process(self, article: Article) -> None:
        article.removed = find_boilerplate(article.text)
        if article.removed:
            left = len("".join(article.clean_text.split()))
            if left < self.settings.min_chars:
                raise ArticleError(
                    f"article {article.id} has only {left} characters left after removing boilerplate",
                    reason="empty", hint="the input holds captions/notices but no story text",
                )


def make_stage(settings: Settings) -> CleanStage:
    return CleanStage(settings)
