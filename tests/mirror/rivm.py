"""RIVM Gezondheid per wijk en buurt tables of the service mirror (dataderden.cbs.nl):
50120NED (periods 2012/2016/2020/2022, indeling 2022), 50150NED (2012-2024 as published:
2012/2016/2020/2022/2024, indeling 2024, several keys renamed) and 50140NED (gemeenten and
Nederland only, 2024 indeling).

SIMULATED TEST DATA: the values are made-up percentages, not RIVM's model estimates. A row per
region x Leeftijd (20300 18+, 53115 18-65, 80200 65+) x Marges (MW00000 the estimate,
MOG0095/MBG0095 the lower/upper bound of its 95% interval) x Perioden; the estimates of very
small buurten are missing (null), and those of 65-plussers in small buurten too.
"""

from regions import rng

LEEFTIJD = [("20300", "18 jaar of ouder"), ("53115", "18 tot 65 jaar"),
            ("80200", "65 jaar of ouder")]
MARGES = [("MW00000", "Waarde"), ("MOG0095", "Ondergrens 95%-betrouwbaarheidsinterval"),
          ("MBG0095", "Bovengrens 95%-betrouwbaarheidsinterval")]

# (stem, title, theme group) in Position order from _4 on; _1.._3 are the region fields.
TOPICS_50120 = [
    ("ErvarenGezondheidGoedZeerGoed", "Ervaren gezondheid goed/zeer goed", "Gezondheid"),
    ("VoldoetAanBeweegrichtlijn", "Voldoet aan beweegrichtlijn", "Leefstijl"),
    ("WekelijkseSporters", "Wekelijkse sporters", "Leefstijl"),
    ("Ondergewicht", "Ondergewicht", "Leefstijl"),
    ("NormaalGewicht", "Normaal gewicht", "Leefstijl"),
    ("Overgewicht", "Overgewicht", "Leefstijl"),
    ("ErnstigOvergewicht", "Ernstig overgewicht", "Leefstijl"),
    ("Roker", "Roker", "Leefstijl"),
    ("VoldoetAanAlcoholrichtlijn", "Voldoet aan alcoholrichtlijn", "Leefstijl"),
    ("Drinker", "Drinker", "Leefstijl"),
    ("ZwareDrinker", "Zware drinker", "Leefstijl"),
    ("OvermatigeDrinker", "Overmatige drinker", "Leefstijl"),
    ("EenOfMeerLangdurigeAandoeningen", "Eén of meer langdurige aandoeningen", "Gezondheid"),
    ("BeperktVanwegeGezondheid", "Beperkt vanwege gezondheid", "Gezondheid"),
    ("ErnstigBeperktVanwegeGezondheid", "Ernstig beperkt vanwege gezondheid", "Gezondheid"),
    ("LangdurigErnstigBeperkt", "Langdurig ernstig beperkt", "Gezondheid"),
    ("PsychischeKlachten", "Psychische klachten", "Psychische gezondheid"),
    ("ZeerLageVeerkracht", "Zeer lage veerkracht", "Psychische gezondheid"),
    ("GeringeRegieOverEigenLeven", "Geringe regie over eigen leven", "Psychische gezondheid"),
    ("MistEmotioneleSteun", "Mist emotionele steun", "Psychische gezondheid"),
    ("MatigHoogRisicoOpAngstOfDepressie", "Matig hoog risico op angst of depressie",
     "Psychische gezondheid"),
    ("HoogRisicoOpAngstOfDepressie", "Hoog risico op angst of depressie", "Psychische gezondheid"),
    ("HeelVeelStressInAfgelopen4Weken", "(Heel) veel stress in afgelopen 4 weken",
     "Psychische gezondheid"),
    ("Eenzaam", "Eenzaam", "Eenzaamheid"),
    ("ErnstigZeerErnstigEenzaam", "Ernstig/zeer ernstig eenzaam", "Eenzaamheid"),
    ("EmotioneelEenzaam", "Emotioneel eenzaam", "Eenzaamheid"),
    ("SociaalEenzaam", "Sociaal eenzaam", "Eenzaamheid"),
    ("Mantelzorger", "Mantelzorger", "Participatie"),
    ("Vrijwilligerswerk", "Vrijwilligerswerk", "Participatie"),
    ("MoeiteMetRondkomen", "Moeite met rondkomen", "Participatie"),
]
# 50150NED renames and regroups some of them (DOMAIN 3.3); the rest keep their stems.
RENAMED_50150 = {"ErvarenGezondheidGoedZeerGoed": ("GoedErvarenGezondheid",
                                                   "Goed ervaren gezondheid"),
                 "ErnstigZeerErnstigEenzaam": ("SterkEenzaam", "Sterk eenzaam")}
DROPPED_50150 = {"GeringeRegieOverEigenLeven", "MatigHoogRisicoOpAngstOfDepressie",
                 "HeelVeelStressInAfgelopen4Weken"}
ADDED_50150 = {  # inserted after the stem named
    "HoogRisicoOpAngstOfDepressie": ("MatigVeelRegieOverHetEigenLeven",
                                     "Matig veel regie over het eigen leven",
                                     "Psychische gezondheid"),
    "SociaalEenzaam": ("KrijgtSteunVanAnderen", "Krijgt steun van anderen", "Participatie")}


def _topics_50150():
    out = []
    for stem, title, group in TOPICS_50120:
        if stem in DROPPED_50150:
            continue
        stem, title = RENAMED_50150.get(stem, (stem, title))
        out.append((stem, title, group))
        if stem in ADDED_50150:
            out.append(ADDED_50150[stem])
    return out


TOPICS_50150 = _topics_50150()

# Table id -> (title, periods, indeling year, topics, levels served).
TABLES = {
    "50120NED": ("Gezondheid per wijk en buurt; 2012/2016/2020/2022 (indeling 2022)",
                 [2012, 2016, 2020, 2022], 2022, TOPICS_50120, None),
    "50150NED": ("Gezondheid per wijk en buurt; 2012-2024 (indeling 2024)",
                 [2012, 2016, 2020, 2022, 2024], 2024, TOPICS_50150, None),
    "50140NED": ("Gezondheid per gemeente; 2012-2024 (indeling 2024)",
                 [2012, 2016, 2020, 2022, 2024], 2024, TOPICS_50150, ("land", "gemeente")),
}


def period_key(year):
    return "%dJJ00" % year


def data_properties(table_id):
    """The DataProperties entries of a RIVM table in the real structure: the dimensions
    first (Marges, Leeftijd, Perioden, WijkenEnBuurten), then the region fields and the
    topics under their topic groups. Returns (props, [(key, stem)] of the value topics)."""
    title, periods, map_year, topic_list, _ = TABLES[table_id]
    props = [
        {"odata.type": "Cbs.OData.Dimension", "ID": 0, "Position": 0, "ParentID": None,
         "Type": "Dimension", "Key": "Marges", "Title": "Marges", "Description": None},
        {"odata.type": "Cbs.OData.Dimension", "ID": 1, "Position": 1, "ParentID": None,
         "Type": "Dimension", "Key": "Leeftijd", "Title": "Leeftijd", "Description": None},
        {"odata.type": "Cbs.OData.TimeDimension", "ID": 2, "Position": 2, "ParentID": None,
         "Type": "TimeDimension", "Key": "Perioden", "Title": "Perioden", "Description": None},
        {"odata.type": "Cbs.OData.GeoDimension", "ID": 3, "Position": 3, "ParentID": None,
         "Type": "GeoDimension", "Key": "WijkenEnBuurten", "Title": "Wijken en buurten",
         "Description": None, "MapYear": map_year},
        {"odata.type": "Cbs.OData.TopicGroup", "ID": 4, "Position": None, "ParentID": None,
         "Type": "TopicGroup", "Key": "", "Title": "Regioaanduiding", "Description": None},
    ]
    for pos, (key, title_, unit) in enumerate(
            [("Gemeentenaam_1", "Gemeentenaam", "naam"), ("SoortRegio_2", "Soort regio",
                                                          "omschrijving"),
             ("Codering_3", "Codering", "code")], start=1):
        props.append({"odata.type": "Cbs.OData.Topic", "ID": len(props), "Position": pos,
                      "ParentID": 4, "Type": "Topic", "Key": key, "Title": title_,
                      "Description": None, "Datatype": "String", "Unit": unit, "Decimals": 0,
                      "Default": "Impossible", "PresentationType": ""})
    groups = {}
    found = []
    for position, (stem, t, group) in enumerate(topic_list, start=4):
        if group not in groups:
            groups[group] = len(props)
            props.append({"odata.type": "Cbs.OData.TopicGroup", "ID": len(props),
                          "Position": None, "ParentID": None, "Type": "TopicGroup", "Key": "",
                          "Title": group, "Description": None})
        key = "%s_%d" % (stem, position)
        props.append({"odata.type": "Cbs.OData.Topic", "ID": len(props), "Position": position,
                      "ParentID": groups[group], "Type": "Topic", "Key": key, "Title": t,
                      "Description": "Modelschatting (RIVM). Gesimuleerde testgegevens.",
                      "Datatype": "Long", "Unit": "%", "Decimals": 0, "Default": "Missing",
                      "PresentationType": "Relative"})
        found.append((key, stem))
    return props, found


ORDERS = ("gebied", "dimensies")


def rows(table_id, areas, order="gebied"):
    """The TypedDataSet rows of a RIVM table for the areas of its indeling, in `order`:
    "gebied" the rows of an area together (area, Leeftijd, Perioden, Marges), "dimensies" the
    dimensions in DataProperties order, the first slowest (Marges, Leeftijd, Perioden, area),
    so that the three Marges rows of an estimate lie a third of the table apart."""
    _, periods, _, _, levels = TABLES[table_id]
    _, found = data_properties(table_id)
    bases = {stem: rng("rivm-base", stem).uniform(4, 70) for _, stem in found}
    cells = []  # (area, age, year, estimates) in "gebied" order
    for area in areas:
        if levels and area.level not in levels:
            continue
        for age, _ in LEEFTIJD:
            for year in periods:
                estimates = {}
                r = rng("rivm", table_id, area.code, age, year)
                for key, stem in found:
                    base = bases[stem]
                    missing = (area.population < 100 or
                               (age == "80200" and area.level == "buurt" and
                                area.population < 900) or r.random() < 0.01)
                    value = None if missing else max(0, min(100, round(base * r.uniform(0.7,
                                                                                         1.3))))
                    half = 0 if value is None else (1 if area.level in ("land", "gemeente")
                                                    else 2 + round(400 / max(area.population,
                                                                             400) ** 0.5))
                    estimates[key] = (value, half)
                cells.append((area, age, year, estimates))
    if order == "gebied":
        order_ = [(cell, marge) for cell in cells for marge, _ in MARGES]
    else:
        ages = [a for a, _ in LEEFTIJD]
        by_dims = sorted(cells, key=lambda c: (ages.index(c[1]), c[2]))  # stable: areas stay
        order_ = [(cell, marge) for marge, _ in MARGES for cell in by_dims]
    out = []
    for (area, age, year, estimates), marge in order_:
        row = {"ID": len(out), "Marges": marge, "Leeftijd": age, "Perioden": period_key(year),
               "WijkenEnBuurten": area.code.ljust(10),
               "Gemeentenaam_1": (area.gemeente_name or area.name).ljust(40),
               "SoortRegio_2": {"land": "Land", "gemeente": "Gemeente", "wijk": "Wijk",
                                "buurt": "Buurt"}[area.level].ljust(10),
               "Codering_3": area.code.ljust(10)}
        for key, (value, half) in estimates.items():
            if value is None:
                row[key] = None
            elif marge == "MW00000":
                row[key] = value
            elif marge == "MOG0095":
                row[key] = max(0, value - half)
            else:
                row[key] = min(100, value + half)
        out.append(row)
    return out
