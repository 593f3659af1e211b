"""The ``clean`` stage: set aside captions, credits, notices and link lists.

News text as scraped carries material that is not the story: photo captions
(which describe *other* moments and would create background events), agency
credits, copyright and redistribution notices, "Read also:" links, newsletter
and share prompts, cookie notices. This stage finds them and records each as a
:class:`~eventwire.model.Removed` stretch on ``article.removed``; nothing is
deleted, so ``article.clean_text`` (the text with those stretches blanked, same
length) keeps every offset valid, and the removed text stays inspectable.

The rules are line based: a line is removed only when the *whole line* has the
shape of boilerplate (it starts with "Photo:", is only a credit, is a short
"Sign up for ..." prompt, ...). A news sentence that merely mentions Reuters
or a photo stays. The one in-line rule removes a parenthesised
"(Reporting by ...; Editing by ...)" sign-off at the end of a paragraph.

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

# (reason, whole-line pattern, max line length). Patterns are matched against the stripped line.
RULES: tuple[tuple[str, re.Pattern[str], int], ...] = tuple(
    (reason, re.compile(pattern), limit)
    for reason, pattern, limit in (
        # --- photo captions
        ("caption", r"(?i)^(?:file photo|photo|photograph|picture|image|caption|pictured|video|top photo|"
                    r"main photo|in pictures|gallery)\s*[:|]\s*\S.*$", 600),
        ("caption", r"(?i)^\(?(?:photo|image|picture|video)s?\s+(?:by|credit|courtesy(?: of)?)\s*:?\s+\S.*$", 600),
        ("caption", r"(?i)^(?:an?|this|the)\s+(?:\w+\s+){0,3}(?:picture|photo|photograph|image|handout|video grab|"
                    r"screen ?grab|still image)\s+(?:\w+\s+){0,3}(?:taken|released|obtained|made available|"
                    r"provided|published|posted|distributed)\b.*\bshows?\b.*$", 600),
        # a short line that ends in a photo credit: "... in Gaza City on Nov. 8. (AFP)" / "REUTERS/Name"
        ("caption", r"^.{0,400}(?:\((?:Photo:?\s*)?" + _AGENCY + r"(?:\s*(?:Photo|photo|via Getty Images))?"
                    r"(?:\s*/\s*[^()]{1,60})?\)|" + _AGENCY + r"\s*/\s*[A-Z][\w.'\- ]{1,60}|"
                    r"(?:AFP|AP|Reuters|Anadolu) via Getty Images|\|\s*" + _AGENCY + r")\s*\.?$", 500),
        # --- credit-only lines: "Reuters", "© AFP", "Getty Images", "AP Photo/Hussein Malla"
        ("credit", r"^(?:©\s*|\(c\)\s*|Credit:\s*|Image:\s*)?(?:" + _AGENCY + r")(?:\s*Photo)?"
                   r"(?:\s*(?:/|via|-)\s*[\w.'\- ]{1,60})?\.?$", 100),
        ("credit", r"(?i)^(?:credit|photo credit|image credit|source)\s*:\s*\S.{0,100}$", 120),
        # --- legal notices and agency sign-offs
        ("legal-notice", r"(?i)^(?:©|\(c\)|copyright\b).{0,200}$", 220),
        ("legal-notice", r"(?i)^.{0,200}\ball rights reserved\b.{0,200}$", 400),
        ("legal-notice", r"(?i)^.{0,200}\bmay not be (?:re)?published,? broadcast,?.{0,120}(?:re)?distributed\b.*$", 500),
        ("legal-notice", r"(?i)^our standards\s*:.*$", 300),
        ("legal-notice", r"(?i)^\(?(?:additional )?(?:reporting|writing|editing|compiled|edited|written)\s+by\b"
                         r"[^.!?]{0,200}(?:[;,]\s*(?:additional )?(?:reporting|writing|editing|edited)\s+by\b[^.!?]{0,200})*\)?\.?$",
         450),
        # --- related links
        ("related-link", r"(?i)^(?:read also|also read|read more|more reading|see also|related|related stories|"
                         r"related coverage|related articles?|related content|more on this(?: story)?|"
                         r"recommended(?: stories)?|you may also like|don't miss|further reading|watch|listen)"
                         r"\s*[:>»|\-–—]+.*$", SHORT_LINE),
        ("related-link", r"^(?:RELATED(?: STORIES| COVERAGE| ARTICLES| CONTENT)?|READ MORE|READ ALSO|SEE ALSO|"
                         r"MORE ON THIS STORY|RECOMMENDED)\b.*$", SHORT_LINE),
        ("related-link", r"(?i)^read (?:more|the full (?:story|article)|our|the latest)\b.{0,200}$", 220),
        # --- newsletter / share / subscribe prompts
        ("share-prompt", r"(?i)^(?:sign up|subscribe|register)\b.{0,200}\b(?:newsletter|updates|alerts|"
                         r"inbox|email|free|today|now|here)\b.*$", 260),
        ("share-prompt", r"(?i)^(?:share (?:this|on|via)|share:|tweet this|email this|print this|"
                         r"follow (?:us|me|@)|like us on|join us on|click here|tap here|download (?:our|the) app|"
                         r"get (?:the latest|our|breaking)|support (?:our|independent) journalism|"
                         r"advertisement|advertising|sponsored|scroll to continue|continue reading|"
                         r"comments?\s*\(\d*\)|leave a comment)\b.*$", 260),
        ("share-prompt", r"(?i)^(?:facebook|twitter|whatsapp|linkedin|email|print|telegram|reddit|copy link)"
                         r"(?:\s*[|/,•·]\s*(?:facebook|twitter|x|whatsapp|linkedin|email|print|telegram|reddit|copy link))+\s*$",
         200),
        # --- cookie notices
        ("cookie-notice", r"(?i)^.{0,200}\b(?:we|this (?:web)?site|our (?:web)?site)\s+uses?\s+cookies\b.*$", 500),
        ("cookie-notice", r"(?i)^.{0,200}\b(?:accept(?: all)? cookies|cookie (?:policy|settings|preferences|consent))\b.{0,200}$",
         400),
        ("cookie-notice", r"(?i)^by (?:continuing to (?:use|browse)|using) (?:this|our) (?:web)?site\b.*$", 400),
    )
)

# In-line: a sign-off in parentheses at the end of a paragraph.
_SIGNOFF = re.compile(
    r"\((?:additional )?(?:reporting|writing|editing|compiled|edited|written)\s+by\b[^()]{1,300}\)\s*$",
    re.IGNORECASE,
)
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
        for reason, pattern, limit in RULES:
            if len(stripped) <= limit and pattern.match(stripped):
                out.append(Removed(start, end, reason, stripped))
                break
        else:
            sign = _SIGNOFF.search(stripped)
            if sign is not None:
                s = start + sign.start()
                e = start + len(stripped.rstrip())
                out.append(Removed(s, e, "legal-notice", text[s:e]))
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
