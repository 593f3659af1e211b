"""ACLED event taxonomy (6 event types, 25 sub-event types) and PLOVER categories/modes.

Spellings follow the ACLED codebook exactly, because evaluation and exports
compare strings. PLOVER categories are the 18 of the PLOVER specification (the
label set used in the PLOVER gold standard records); each ACLED sub-event gets a
default PLOVER ``{category, mode}`` here so the mapping lives in one table.
"""

from __future__ import annotations

__all__ = [
    "EVENT_TYPES",
    "SUB_EVENT_TYPES",
    "EVENT_TYPE_OF",
    "CASE_CODE_OF",
    "PLOVER_CATEGORIES",
    "PLOVER_OF",
    "event_type_of",
]

#: event type -> its sub-event types, in codebook order.
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

SUB_EVENT_TYPES: tuple[str, ...] = tuple(s for subs in EVENT_TYPES.values() for s in subs)
EVENT_TYPE_OF: dict[str, str] = {s: t for t, subs in EVENT_TYPES.items() for s in subs}

#: CASE 2021 task 2 codes (used only by evaluation helpers).
CASE_CODE_OF: dict[str, str] = {
    "Armed clash": "ARMED_CLASH",
    "Government regains territory": "GOV_REGAINS_TERIT",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Chemical weapon": "CHEM_WEAP",
    "Air/drone strike": "AIR_STRIKE",
    "Suicide bomb": "SUIC_BOMB",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Grenade": "GRENADE",
    "Sexual violence": "SEX_VIOL",
    "Attack": "ATTACK",
    "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Peaceful protest": "PEACE_PROTEST",
    "Protest with intervention": "PROTEST_WITH_INTER",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Violent demonstration": "VIOL_DEMONSTR",
    "Mob violence": "MOB_VIOL",
    "Agreement": "AGREEMENT",
    "Arrests": "ARREST",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT",
    "Disrupted weapons use": "DISR_WEAP",
    "Headquarters or base established": "HQ_ESTABLISHED",
    "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "Other": "OTHER",
}

PLOVER_CATEGORIES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "INVESTIGATE", "DEMAND",
    "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "FIGHT", "COERCE", "ASSAULT",
)

#: ACLED sub-event -> default PLOVER {category, mode}. FIGHT is violence between armed actors,
#: ASSAULT one-sided violence; air strikes follow the annotate contract's example (ASSAULT/aerial).
PLOVER_OF: dict[str, dict[str, str | None]] = {
    "Armed clash": {"category": "FIGHT", "mode": "firearms"},
    "Government regains territory": {"category": "FIGHT", "mode": "occupy"},
    "Non-state actor overtakes territory": {"category": "FIGHT", "mode": "occupy"},
    "Chemical weapon": {"category": "FIGHT", "mode": "cbrn"},
    "Air/drone strike": {"category": "ASSAULT", "mode": "aerial"},
    "Suicide bomb": {"category": "ASSAULT", "mode": "suicide-attack"},
    "Shelling/artillery/missile attack": {"category": "FIGHT", "mode": "heavy-weapons"},
    "Remote explosive/landmine/IED": {"category": "ASSAULT", "mode": "explosives"},
    "Grenade": {"category": "ASSAULT", "mode": "explosives"},
    "Sexual violence": {"category": "ASSAULT", "mode": "sexual"},
    "Attack": {"category": "ASSAULT", "mode": None},
    "Abduction/forced disappearance": {"category": "ASSAULT", "mode": "abduct"},
    "Peaceful protest": {"category": "PROTEST", "mode": "demo-org"},
    "Protest with intervention": {"category": "PROTEST", "mode": "obstruct"},
    "Excessive force against protesters": {"category": "COERCE", "mode": "firearms"},
    "Violent demonstration": {"category": "PROTEST", "mode": "riot"},
    "Mob violence": {"category": "PROTEST", "mode": "riot-spon"},
    "Agreement": {"category": "AGREE", "mode": None},
    "Arrests": {"category": "COERCE", "mode": "arrest"},
    "Change to group/activity": {"category": "MOBILIZE", "mode": "troops"},
    "Disrupted weapons use": {"category": "COERCE", "mode": "confiscate"},
    "Headquarters or base established": {"category": "MOBILIZE", "mode": "troops"},
    "Looting/property destruction": {"category": "COERCE", "mode": "destroy"},
    "Non-violent transfer of territory": {"category": "RETREAT", "mode": None},
    "Other": {"category": None, "mode": None},
}


def event_type_of(sub_event_type: str) -> str:
    """The ACLED event type of a sub-event type (KeyError for an unknown spelling)."""
    return EVENT_TYPE_OF[sub_event_type]
