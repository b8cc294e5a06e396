"""The coding lexicons: file format, internal consistency, and the loader's look-ups."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from newsevents.lexicon import (
    ACTOR_KINDS,
    COLUMNS,
    SECTORS,
    SUBJECT_ROLES,
    TRIGGER_POS,
    Lexicon,
    actor_key,
    read_table,
)
from newsevents.models import PLOVER_TYPES

DATA = Path(str(resources.files("newsevents") / "data"))
EXPLOSIONS = "Explosions/Remote violence"

# GDELT QuadClass of the CAMEO codes a PLOVER type may use. CAMEO puts protest (14) in verbal
# conflict, investigations (09) and yielding (08) in material cooperation, apologies (055) in 1.
QUADS = {
    "AGREE": {1}, "CONSULT": {1}, "SUPPORT": {1}, "CONCEDE": {1, 2},
    "COOPERATE": {2}, "AID": {2}, "RETREAT": {2},
    "REQUEST": {1, 3}, "ACCUSE": {2, 3}, "REJECT": {1, 3}, "THREATEN": {3}, "PROTEST": {3},
    "SANCTION": {4}, "MOBILIZE": {4}, "COERCE": {4}, "ASSAULT": {4},
}
# CAMEO roots a PLOVER type may use (CAMEO2PLOVER plus the signing/apology codes in 05,
# blockade/occupation in 19 for COERCE, destruction/repression in 17 for ASSAULT, and the
# CAMEO appeals in 02 ('urge', 'call on', 'ask': quad class 1) that PLOVER folds into REQUEST
# beside the demands in 10; denials of an accusation (016) as REJECT and shared opinions
# (019) as SUPPORT).
ROOTS = {
    "AGREE": {"03", "05"}, "CONSULT": {"04"}, "SUPPORT": {"01", "05"}, "CONCEDE": {"05", "08"},
    "COOPERATE": {"06"}, "AID": {"07"}, "RETREAT": {"08"}, "REQUEST": {"02", "10"},
    "ACCUSE": {"09", "11"}, "REJECT": {"01", "12"}, "THREATEN": {"13"}, "PROTEST": {"14"},
    "MOBILIZE": {"15"}, "SANCTION": {"16"}, "COERCE": {"17", "19"},
    "ASSAULT": {"17", "18", "19", "20"},
}


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


# -- file format ------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_file_starts_with_a_source_comment_then_the_header(name: str) -> None:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ")
    assert any(word in lines[0] for word in ("MIT", "CC BY-SA", "GDELT", "ACLED"))
    assert lines[1].split("\t") == list(COLUMNS[name])


def test_read_table_rejects_a_wrong_header() -> None:
    with pytest.raises(ValueError, match="header"):
        read_table("# x\nwords\tdomain\n", "t.tsv", ("words", "note"))


def test_read_table_rejects_a_row_with_missing_cells() -> None:
    with pytest.raises(ValueError, match="t.tsv:3"):
        read_table("# x\nwords\tnote\nstrike\n", "t.tsv", ("words", "note"))


def test_read_table_skips_section_comments_and_blank_lines() -> None:
    rows = read_table("# x\nwords\tnote\n# ASSAULT\n\nstrike\tn\n", "t.tsv", ("words", "note"))
    assert rows == [{"words": "strike", "note": "n"}]


# -- triggers ---------------------------------------------------------------------------------
def test_triggers_cover_every_plover_type_with_verbs_and_nouns(lexicon: Lexicon) -> None:
    for type_ in PLOVER_TYPES:
        for pos in TRIGGER_POS:
            count = sum(1 for t in lexicon.triggers() if t.type == type_ and t.pos == pos)
            assert count >= 5, (type_, pos, count)
    assert len(lexicon.triggers()) >= 500


def test_each_trigger_has_one_default(lexicon: Lexicon) -> None:
    keys = [(t.words, t.pos) for t in lexicon.triggers()]
    assert len(keys) == len(set(keys))


def test_trigger_words_are_lowercase_with_a_known_pos(lexicon: Lexicon) -> None:
    bad = [t.words for t in lexicon.triggers()
           if t.pos not in TRIGGER_POS or any(w != w.lower() for w in t.words)]
    assert bad == []


def test_trigger_types_are_plover_types(lexicon: Lexicon) -> None:
    assert {t.type for t in lexicon.triggers()} == set(PLOVER_TYPES)


def test_trigger_modes_are_valid_for_their_type(lexicon: Lexicon) -> None:
    bad = [(t.words, t.type, t.mode) for t in lexicon.triggers()
           if t.mode is not None and t.mode not in lexicon.modes(t.type)]
    assert bad == []


def test_trigger_cameo_codes_exist(lexicon: Lexicon) -> None:
    bad = [(t.words, t.cameo) for t in lexicon.triggers() if lexicon.cameo_code(t.cameo) is None]
    assert bad == []


def test_trigger_cameo_quad_class_agrees_with_the_type(lexicon: Lexicon) -> None:
    bad = []
    for t in lexicon.triggers():
        code = lexicon.cameo_code(t.cameo)
        if code is not None and code.quad_class not in QUADS[t.type]:
            bad.append((t.words, t.type, t.cameo, code.quad_class))
    assert bad == []


def test_trigger_cameo_root_agrees_with_the_type(lexicon: Lexicon) -> None:
    bad = [(t.words, t.type, t.cameo) for t in lexicon.triggers()
           if t.cameo[:2] not in ROOTS[t.type]]
    assert bad == []


def test_trigger_acled_overrides_are_acled_sub_event_types(lexicon: Lexicon) -> None:
    known = lexicon.acled_types()
    assert [t.words for t in lexicon.triggers() if t.acled and t.acled not in known] == []


@pytest.mark.parametrize(
    ("lemma", "pos", "type_", "mode"),
    [
        ("bomb", "VERB", "ASSAULT", "aerial"),
        ("shell", "VERB", "ASSAULT", "heavy-weapons"),
        ("kidnap", "VERB", "ASSAULT", "abduct"),
        ("assassinate", "VERB", "ASSAULT", "targeted"),
        ("airstrike", "NOUN", "ASSAULT", "aerial"),
        ("arrest", "VERB", "COERCE", "arrest"),
        ("deport", "VERB", "COERCE", "deport"),
        ("curfew", "NOUN", "COERCE", "curfew"),
        ("protest", "VERB", "PROTEST", "demo"),
        ("riot", "NOUN", "PROTEST", "riot"),
        ("boycott", "VERB", "PROTEST", "boycott"),
        ("deploy", "VERB", "MOBILIZE", "troops"),
        ("sanction", "NOUN", "SANCTION", None),
        ("threaten", "VERB", "THREATEN", None),
        ("ultimatum", "NOUN", "THREATEN", "relations"),
        ("accuse", "VERB", "ACCUSE", "allege"),
        ("condemn", "VERB", "ACCUSE", "disapprove"),
        ("investigate", "VERB", "ACCUSE", "investigate"),
        ("reject", "VERB", "REJECT", None),
        ("veto", "VERB", "REJECT", "yield"),
        ("demand", "VERB", "REQUEST", None),
        ("sign", "VERB", "AGREE", None),
        ("treaty", "NOUN", "AGREE", None),
        ("visit", "VERB", "CONSULT", "visit"),
        ("talk", "NOUN", "CONSULT", None),
        ("praise", "VERB", "SUPPORT", None),
        ("apologize", "VERB", "SUPPORT", None),
        ("cooperate", "VERB", "COOPERATE", None),
        ("donate", "VERB", "AID", None),
        ("withdraw", "VERB", "RETREAT", "withdraw"),
        ("ceasefire", "NOUN", "RETREAT", "ceasefire"),
        ("Strike", "PROPN", "ASSAULT", None),
    ],
)
def test_trigger_gives_the_default_coding(
    lexicon: Lexicon, lemma: str, pos: str, type_: str, mode: str | None
) -> None:
    trigger = lexicon.trigger(lemma, pos)
    assert trigger is not None
    assert (trigger.type, trigger.mode) == (type_, mode)


@pytest.mark.parametrize(("lemma", "pos"), [("say", "VERB"), ("carry", "VERB"), ("bomb", "ADJ"),
                                            ("open fire", "VERB")])
def test_trigger_is_none_for_non_triggers_and_multiword_entries(
    lexicon: Lexicon, lemma: str, pos: str
) -> None:
    assert lexicon.trigger(lemma, pos) is None


@pytest.mark.parametrize(
    ("words", "type_"),
    [
        (("open", "fire"), "ASSAULT"), (("air", "strike"), "ASSAULT"),
        (("drone", "strike"), "ASSAULT"), (("car", "bomb"), "ASSAULT"),
        (("hunger", "strike"), "PROTEST"), (("take", "hostage"), "ASSAULT"),
        (("peace", "talk"), "CONSULT"), (("cease", "fire"), "RETREAT"),
        (("cease", "-", "fire"), "RETREAT"), (("sit", "-", "in"), "PROTEST"),
        (("state", "of", "emergency"), "COERCE"),
    ],
)
def test_multiword_triggers_include_phrases(
    lexicon: Lexicon, words: tuple[str, ...], type_: str
) -> None:
    found = {t.words: t.type for t in lexicon.multiword_triggers()}
    assert found[words] == type_
    assert all(len(t.words) > 1 for t in lexicon.multiword_triggers())


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "word", "type_"),
    [
        ("Militants shelled the border town overnight.", "shelled", "ASSAULT"),
        ("Dozens of workers were raped and tortured by the militia.", "raped", "ASSAULT"),
        ("Snipers sniped at the convoy for hours.", "sniped", "ASSAULT"),
        ("The students staged a rally outside parliament.", "staged", None),
        ("The army carried out airstrikes on rebel positions.", "airstrikes", "ASSAULT"),
        ("Both sides agreed to end hostilities.", "hostilities", "ASSAULT"),
        ("The minister lambasted the decision on Monday.", "lambasted", "ACCUSE"),
        ("Police detained 40 demonstrators in the capital.", "detained", "COERCE"),
        ("The European Union imposed sanctions on the regime.", "sanctions", "SANCTION"),
        ("The two leaders held talks in Doha.", "talks", "CONSULT"),
        ("Thousands protested against the new law.", "protested", "PROTEST"),
        ("The government deployed troops to the region.", "deployed", "MOBILIZE"),
        ("Rebels released twelve hostages on Friday.", "released", "RETREAT"),
        ("Japan donated rice to the flood victims.", "donated", "AID"),
    ],
)
def test_parsed_words_find_their_trigger(
    nlp, lexicon: Lexicon, sentence: str, word: str, type_: str | None  # type: ignore[no-untyped-def]
) -> None:
    token = next(t for t in nlp(sentence) if t.text == word)
    trigger = lexicon.trigger(token.lemma_, token.pos_)
    if type_ is None:
        assert lexicon.is_light_verb(token.lemma_)
    else:
        assert trigger is not None and trigger.type == type_


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("Gunmen opened fire on the bus.", ("open", "fire")),
        ("Jets carried out air strikes near the border.", ("air", "strike")),
        ("The cease-fire collapsed within hours.", ("cease", "-", "fire")),
        ("Prisoners began a hunger strike last week.", ("hunger", "strike")),
        ("Protesters held a sit-in at the ministry.", ("sit", "-", "in")),
        ("The peace talks resumed in Geneva.", ("peace", "talk")),
        ("The council renewed the arms embargo.", ("arm", "embargo")),
    ],
)
def test_multiword_triggers_match_parsed_lemmas(
    nlp, lexicon: Lexicon, sentence: str, phrase: tuple[str, ...]  # type: ignore[no-untyped-def]
) -> None:
    lemmas = [t.lemma_.lower() for t in nlp(sentence)]
    starts = [i for i in range(len(lemmas)) if tuple(lemmas[i : i + len(phrase)]) == phrase]
    assert starts, lemmas
    assert phrase in {t.words for t in lexicon.multiword_triggers()}


# -- light verbs ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lemma", "expected"),
    [("conduct", True), ("carry out", True), ("launch", True), ("stage", True), ("hold", True),
     ("impose", True), ("step up", True), ("say", False), ("announce", False), ("report", False)],
)
def test_is_light_verb(lexicon: Lexicon, lemma: str, expected: bool) -> None:
    assert lexicon.is_light_verb(lemma) is expected


def test_light_verbs_name_what_their_subject_is(lexicon: Lexicon) -> None:
    verb = lexicon.light_verb("come under")
    assert verb is not None and verb.subject_role == "target"
    assert lexicon.light_verb("carry out") in lexicon.multiword_light_verbs()
    assert {v.subject_role for v in lexicon.multiword_light_verbs()} <= set(SUBJECT_ROLES)


# -- CAMEO, PLOVER scores, ACLED --------------------------------------------------------------
def test_cameo_table_has_every_code_with_gdelt_quad_classes(lexicon: Lexicon) -> None:
    codes = lexicon.cameo_codes()
    assert len(codes) == 311
    quad_by_root = {f"{r:02d}": 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4
                    for r in range(1, 21)}
    assert [c.code for c in codes if c.quad_class != quad_by_root[c.code[:2]]] == []
    assert all(-10.0 <= c.goldstein <= 10.0 for c in codes)


def test_cameo_plover_modes_are_current_plover_modes(lexicon: Lexicon) -> None:
    bad = [c.code for c in lexicon.cameo_codes()
           if (c.plover_type is not None and c.plover_type not in PLOVER_TYPES)
           or (c.plover_mode is not None
               and c.plover_mode not in lexicon.modes(c.plover_type or ""))]
    assert bad == []


def test_every_plover_type_has_a_default_score(lexicon: Lexicon) -> None:
    for type_ in PLOVER_TYPES:
        assert -10.0 <= lexicon.score(type_, None) <= 10.0


def test_accuse_default_score_is_negative_like_its_modes(lexicon: Lexicon) -> None:
    assert lexicon.score("ACCUSE", None) < 0
    assert all(lexicon.score("ACCUSE", m) < 0 for m in lexicon.modes("ACCUSE"))


def test_acled_taxonomy_has_six_event_types_and_25_sub_types(lexicon: Lexicon) -> None:
    types = lexicon.acled_types()
    assert len(types) == 25
    assert len(set(types.values())) == 6


def test_acled_rules_use_known_types_modes_and_sub_types(lexicon: Lexicon) -> None:
    known = lexicon.acled_types()
    for rule in lexicon.acled_rules():
        assert rule.type in PLOVER_TYPES
        assert rule.mode == "" or rule.mode in lexicon.modes(rule.type)
        assert rule.cameo == "" or any(c.code.startswith(rule.cameo) for c in lexicon.cameo_codes())
        if rule.sub_event_type is not None:
            assert known[rule.sub_event_type] == rule.event_type
    defaults = {r.type for r in lexicon.acled_rules() if not r.mode and not r.cameo}
    assert defaults == set(PLOVER_TYPES)


@pytest.mark.parametrize(
    ("type_", "mode", "cameo", "goldstein", "quad", "score", "acled"),
    [
        ("ASSAULT", "aerial", "195", -10.0, 4, -9.5, (EXPLOSIONS, "Air/drone strike")),
        ("ASSAULT", "drone", "195", -10.0, 4, -9.5, (EXPLOSIONS, "Air/drone strike")),
        ("ASSAULT", None, "190", -10.0, 4, -9.0, ("Battles", "Armed clash")),
        ("ASSAULT", "firearms", "180", -9.0, 4, -9.0, ("Violence against civilians", "Attack")),
        ("ASSAULT", "suicide-attack", "1831", -10.0, 4, -9.5,
         (EXPLOSIONS, "Suicide bomb")),
        ("ASSAULT", "abduct", "181", -9.0, 4, -8.5,
         ("Violence against civilians", "Abduction/forced disappearance")),
        ("COERCE", "arrest", "173", -5.0, 4, -7.0, ("Strategic developments", "Arrests")),
        ("COERCE", "seize", "192", -9.5, 4, -7.0,
         ("Battles", "Non-state actor overtakes territory")),
        ("PROTEST", "demo", "141", -6.5, 3, -5.0, ("Protests", "Peaceful protest")),
        ("PROTEST", "riot", "145", -7.5, 3, -7.0, ("Riots", "Violent demonstration")),
        ("ACCUSE", None, "112", -2.0, 3, -3.0, (None, None)),
        ("CONSULT", "visit", "042", 1.9, 1, 4.0, (None, None)),
        ("AGREE", None, "057", 8.0, 1, 2.5, ("Strategic developments", "Agreement")),
        ("RETREAT", "ceasefire", "0871", 9.0, 2, 7.5, ("Strategic developments", "Agreement")),
        ("MOBILIZE", "troops", "154", -7.2, 4, -6.5,
         ("Strategic developments", "Change to group/activity")),
    ],
)
def test_event_code_fills_goldstein_quad_score_and_acled(
    lexicon: Lexicon, type_: str, mode: str | None, cameo: str, goldstein: float, quad: int,
    score: float, acled: tuple[str | None, str | None],
) -> None:
    code = lexicon.event_code(type_, mode, cameo)
    assert (code.type, code.mode, code.cameo, code.context) == (type_, mode, cameo, ())
    assert (code.goldstein, code.quad_class, code.score) == (goldstein, quad, score)
    assert (code.acled_event_type, code.acled_sub_event_type) == acled


def test_event_code_score_falls_back_to_the_type_default(lexicon: Lexicon) -> None:
    assert lexicon.event_code("ASSAULT", "no-such-mode", "190").score == -9.0


def test_event_code_takes_an_acled_sub_type_override(lexicon: Lexicon) -> None:
    code = lexicon.event_code("ASSAULT", "explosives", "183", acled="Grenade")
    assert (code.acled_event_type, code.acled_sub_event_type) == (
        "Explosions/Remote violence", "Grenade")


def test_trigger_code_applies_the_trigger_acled_override(lexicon: Lexicon) -> None:
    grenade = lexicon.trigger("grenade", "NOUN")
    assert grenade is not None
    assert lexicon.trigger_code(grenade).acled_sub_event_type == "Grenade"


@pytest.mark.parametrize(
    ("type_", "cameo", "acled"),
    [("ASSAULT", "999", None), ("FIGHT", "190", None), ("ASSAULT", "190", "Bombing")],
)
def test_event_code_rejects_unknown_codes(
    lexicon: Lexicon, type_: str, cameo: str, acled: str | None
) -> None:
    with pytest.raises(ValueError, match="unknown"):
        lexicon.event_code(type_, None, cameo, acled)


# -- actors -----------------------------------------------------------------------------------
def test_actor_countries_are_iso3(lexicon: Lexicon) -> None:
    pycountry = pytest.importorskip("pycountry")
    bad = [(a.words, a.country) for a in lexicon.actor_terms()
           if a.country is not None and pycountry.countries.get(alpha_3=a.country) is None]
    assert bad == []


def test_actor_sectors_and_kinds_are_known(lexicon: Lexicon) -> None:
    bad = [a.words for a in lexicon.actor_terms()
           if a.sector not in SECTORS or a.kind not in ACTOR_KINDS]
    assert bad == []


def test_sector_nouns_and_igos_have_no_country(lexicon: Lexicon) -> None:
    assert [a.words for a in lexicon.actor_terms()
            if a.kind in {"sector", "igo"} and a.country is not None] == []


def test_actor_aliases_do_not_collide_after_folding(lexicon: Lexicon) -> None:
    seen: dict[str, tuple[str, str | None]] = {}
    clashes = []
    for term in lexicon.actor_terms():
        key, value = actor_key(" ".join(term.words)), (term.name, term.sector)
        if seen.setdefault(key, value) != value:
            clashes.append(key)
    assert clashes == []


@pytest.mark.parametrize(
    ("text", "name", "country", "sector", "kind"),
    [
        ("hamas", "Hamas", "PSE", "REB", "group"),
        ("Hezbollah", "Hezbollah", "LBN", "REB", "group"),
        ("houthis", "Houthis", "YEM", "REB", "group"),
        ("IRGC", "Islamic Revolutionary Guard Corps", "IRN", "MIL", "group"),
        ("jaish al - adl", "Jaish al-Adl", "IRN", "REB", "group"),
        ("Jaish-ul-Adl", "Jaish al-Adl", "IRN", "REB", "group"),
        ("al-shabaab", "al-Shabaab", "SOM", "REB", "group"),
        ("pakistani taliban", "Tehrik-i-Taliban Pakistan", "PAK", "REB", "group"),
        ("islamic state", "Islamic State", None, "REB", "group"),
        ("wagner group", "Wagner Group", "RUS", "MIL", "group"),
        ("Kurdistan Workers Party", "Kurdistan Workers' Party", "TUR", "REB", "group"),
        ("people defence force", "People's Defence Force", "MMR", "REB", "group"),
        ("U.N.", "United Nations", None, "IGO", "igo"),
        ("the European Union", "European Union", None, "IGO", "igo"),
        ("ICRC", "International Committee of the Red Cross", None, "NGO", "igo"),
        ("Médecins Sans Frontières", "Medecins Sans Frontieres", None, "NGO", "igo"),
        ("reuters", "Reuters", "GBR", "MED", "media"),
        ("Al Jazeera", "Al Jazeera", "QAT", "MED", "media"),
        ("troop", "military", None, "MIL", "sector"),
        ("security forces", "security forces", None, "MIL", "sector"),
        ("police", "police", None, "POL", "sector"),
        ("militant", "militants", None, "REB", "sector"),
        ("protester", "protesters", None, "CVL", "sector"),
        ("civilian", "civilians", None, "CVL", "sector"),
        ("foreign ministry", "government", None, "GOV", "sector"),
        ("media", "media", None, "MED", "sector"),
    ],
)
def test_actor_term_resolves_folded_text(
    lexicon: Lexicon, text: str, name: str, country: str | None, sector: str, kind: str
) -> None:
    term = lexicon.actor_term(text)
    assert term is not None
    assert (term.name, term.country, term.sector, term.kind) == (name, country, sector, kind)


@pytest.mark.parametrize("text", ["who", "is", "amnesty", "dawn", "guardian", "stock"])
def test_actor_term_leaves_ambiguous_words_alone(lexicon: Lexicon, text: str) -> None:
    assert lexicon.actor_term(text) is None


# -- non-political context ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lemma", "domain"),
    [("striker", "sports"), ("quarterback", "sports"), ("share", "business"),
     ("hurricane", "weather"), ("virus", "health"), ("heart attack", "health"),
     ("gas explosion", "accident"), ("tweet", "verbal"), ("militant", None), ("army", None)],
)
def test_nonpolitical_domain(lexicon: Lexicon, lemma: str, domain: str | None) -> None:
    assert lexicon.nonpolitical_domain(lemma) == domain


# -- loading ----------------------------------------------------------------------------------
def test_load_is_cached(lexicon: Lexicon) -> None:
    assert Lexicon.load() is lexicon


def test_from_directory_reads_another_copy(tmp_path: Path) -> None:
    for name in COLUMNS:
        shutil.copy(DATA / name, tmp_path / name)
    with (tmp_path / "triggers.tsv").open("a", encoding="utf-8") as handle:
        handle.write("zap\tVERB\tASSAULT\t\t190\t\ttest entry\n")
    trigger = Lexicon.from_directory(tmp_path).trigger("zap", "VERB")
    assert trigger is not None and trigger.type == "ASSAULT"
    assert Lexicon.load().trigger("zap", "VERB") is None


# -- ACLED cues ------------------------------------------------------------------------------
ACLED_CUES = {"chemical", "suicide", "grenade", "explosive", "air", "shelling",
              "protest_violence", "intervention", "lethal", "mob", "civilian", "weapon", "base",
              "agreement", "territory", "state_force", "sexual", "disrupt", "establish",
              "projectile", "protest", "nonviolent", "organisation", "combat", "occurrence",
              "gather", "protest_sign", "disposal", "convert"}


def test_acled_cues_are_the_ones_the_rules_read() -> None:
    rows = read_table((DATA / "acled_cues.tsv").read_text(encoding="utf-8"), "acled_cues.tsv",
                      COLUMNS["acled_cues.tsv"])
    assert {r["cue"] for r in rows} <= ACLED_CUES


@pytest.mark.parametrize(("lemmas", "cue"), [
    (["police", "fire", "tear", "gas"], "intervention"),
    (["a", "stun", "grenade"], "intervention"),
    (["a", "hand", "grenade"], "grenade"),
    (["he", "blow", "himself", "up"], "suicide"),
    (["chlorine"], "chemical"),
    (["live", "ammunition"], "lethal"),
    (["set", "up", "a", "base"], "base"),
])
def test_acled_cues_read_single_words_and_pairs(lexicon: Lexicon, lemmas: list[str],
                                                cue: str) -> None:
    assert cue in lexicon.acled_cues(lemmas)


def test_acled_cues_ignore_unrelated_words(lexicon: Lexicon) -> None:
    assert lexicon.acled_cues(["the", "minister", "say", "on", "tuesday"]) == frozenset()


def test_phrase_trigger_reads_a_verb_with_its_particle(lexicon: Lexicon) -> None:
    assert lexicon.phrase_trigger("call on", "VERB").type == "REQUEST"  # type: ignore[union-attr]
    assert lexicon.phrase_trigger("call", "VERB").type == "CONSULT"  # type: ignore[union-attr]
    assert lexicon.phrase_trigger("call upon the", "VERB") is None
