"""English cardinal words, shared by every stage that reads a count written in words (casualties, tallies,
weapons, durations). Each stage adds its own idioms ("a dozen", "a couple of", "both") on top."""

from __future__ import annotations

__all__ = ["CARDINALS"]

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
        "seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()

#: "zero" .. "nineteen", "twenty" .. "ninety" (compounds such as "twenty-five" are summed by the reader)
CARDINALS: dict[str, int] = {**{w: n for n, w in enumerate(_ONES)}, **{w: 20 + 10 * n for n, w in enumerate(_TENS)}}
