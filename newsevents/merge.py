"""Within one article: merge the drafts that report the same event, then make Mentions.

A story repeats its main event: in the caption, the lead and a quoted statement. Drafts of one
type whose parties, place, date and factuality do not contradict each other (and that share at
least one of them) become one Mention with every sentence as evidence, the most specific
place and date, the largest casualty counts and every source.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from .attribution import is_reporting_verb
from .coding import PRECISION_RANK, Draft, evidence_for
from .models import Article, DateRef, Evidence, Mention, Party, Place

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .lexicon import Lexicon

STATE_SECTORS = frozenset({"GOV", "MIL", "POL", "JUD"})
ARMED_OPPONENTS = frozenset({"REB"})  # rebels, militias, gangs: never the state's own act
MODE_DISTINCT_TYPES = frozenset({"COERCE", "SANCTION"})  # an arrest is never a curfew
DISTINCT_MODES = frozenset({"investigate"})  # an inquiry ordered is no summons or protest
COMPLEMENT_DEPS = frozenset({"dobj", "xcomp", "ccomp", "prep"})
ALSO_WORDS = frozenset({"also", "further", "additionally"})
OTHER_WORDS = frozenset({"other", "another"})
DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}


@dataclass
class Cluster:
    drafts: list[Draft] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.drafts[0].trigger.type

    def field_values(self, name: str) -> list[object]:
        return [getattr(d, name) for d in self.drafts if getattr(d, name) is not None]


def _country(party: Party | None) -> str | None:
    return party.country if party is not None else None


def _compatible_actor(a: Party | None, b: Party | None) -> bool:
    """Sudan's army and the RSF are two sides; Pakistan and its army one (the victims of
    one strike may be told as fighters and as civilians: targets are not held to this)."""
    if a is not None and b is not None and {a.sector, b.sector} & STATE_SECTORS and \
            {a.sector, b.sector} & ARMED_OPPONENTS:
        return False
    return _compatible_party(a, b)


def _compatible_party(a: Party | None, b: Party | None) -> bool:
    if a is None or b is None:
        return True
    if a.country and b.country:
        return a.country == b.country
    if a.country or b.country:
        return a.patron is None and b.patron is None and (a.sector == b.sector or
                                                          None in (a.sector, b.sector))
    return a.name.lower() == b.name.lower() or a.sector == b.sector


def _compatible_date(a: DateRef, b: DateRef) -> bool:
    if a.date is None or b.date is None:
        return True
    if a.precision == "day" and b.precision == "day":
        return a.date == b.date
    return abs((a.date - b.date).days) <= 7


def _compatible_place(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None or a.country is None or b.country is None:
        return True
    if a.country != b.country:
        return False
    if a.admin1_code and b.admin1_code:
        return a.admin1_code == b.admin1_code
    return True


def _shares_something(a: Draft, b: Draft) -> bool:
    same_actor = _country(a.actor) is not None and _country(a.actor) == _country(b.actor)
    same_target = _country(a.target) is not None and _country(a.target) == _country(b.target)
    same_place = a.location is not None and b.location is not None and \
        a.location.country == b.location.country
    same_day = a.date.date is not None and a.date.date == b.date.date
    return same_actor or same_target or (same_place and (same_day or a.actor is None
                                                         or b.actor is None))


def _distinct_acts(a: Draft, b: Draft) -> bool:
    """Two acts however alike their fields: a curfew and a state of emergency (modes differ:
    in one sentence for any type, across sentences for restrictions), two verbs of one
    sentence each with its own complement ('called for calm but demanded a withdrawal'),
    and a later act told with 'also' ('the attackers also abducted 25 women')."""
    if a.token.i == b.token.i:
        return False
    modes = (a.trigger.mode, b.trigger.mode)
    other_mode = None not in modes and modes[0] != modes[1]
    if a.sentence.start != b.sentence.start:
        if a.trigger.type != "ASSAULT" and (_other_victims(a) or _other_victims(b)):
            return True  # "15 other fishermen who were arrested in November"
        later, earlier = (b, a) if b.token.i > a.token.i else (a, b)
        return (other_mode and (a.trigger.type in MODE_DISTINCT_TYPES or
                                bool(set(modes) & DISTINCT_MODES))) or (
            _also(later) and later.trigger.mode not in {None, earlier.trigger.mode})
    if a.trigger.type == "ASSAULT":
        return False  # one attack is told with several weapons ('a suicide bomber ... shot')
    return other_mode or _own_complement(a) and _own_complement(b) and \
        a.anchor.lemma_ != b.anchor.lemma_ and _coordinated(a.anchor, b.anchor)


def _coordinated(a: Token, b: Token) -> bool:
    """Verbs joined by 'and'/'but' (not one the purpose or content of the other)."""
    return any(c.i == b.i for c in a.conjuncts)


def _own_complement(draft: Draft) -> bool:
    return draft.anchor.pos_ in {"VERB", "AUX"} and any(
        c.dep_ in COMPLEMENT_DEPS for c in draft.anchor.children)


def _other_victims(draft: Draft) -> bool:
    phrase = draft.target.text.lower().split() if draft.target is not None else []
    return bool(set(phrase) & OTHER_WORDS)


def _also(draft: Draft) -> bool:
    return any(c.dep_ == "advmod" and c.lower_ in ALSO_WORDS for c in draft.anchor.children)


def same_event(a: Draft, b: Draft) -> bool:
    if a.responds_to is b or b.responds_to is a:
        return False  # a strike and the strike it answers are two events
    if _distinct_acts(a, b):
        return False
    return (a.trigger.type == b.trigger.type and a.factuality == b.factuality
            and _compatible_actor(a.actor, b.actor) and _compatible_party(a.target, b.target)
            and _compatible_date(a.date, b.date) and _compatible_place(a.location, b.location)
            and _shares_something(a, b))


def cluster_drafts(drafts: list[Draft]) -> list[Cluster]:
    clusters: list[Cluster] = []
    for draft in drafts:
        home = next((c for c in clusters if all(same_event(draft, d) for d in c.drafts)), None)
        if home is None:
            clusters.append(Cluster([draft]))
        else:
            home.drafts.append(draft)
    return clusters


def _best_party(parties: list[Party]) -> Party | None:
    """Prefer a party with country and a specific sector ('Pakistan's military')."""
    if not parties:
        return None
    return max(parties, key=lambda p: (p.country is not None, p.sector not in {None, "GOV"},
                                       p.patron is not None))


def _best_place(places: list[Place]) -> Place | None:
    if not places:
        return None
    return min(places, key=lambda p: PRECISION_RANK.get(p.precision, 9))


def _best_date(dates: list[DateRef]) -> DateRef:
    known = [d for d in dates if d.date is not None]
    if not known:
        return DateRef(None, "unknown", None)
    return min(known, key=lambda d: DATE_RANK.get(d.precision, 9))


def mention_id(type_: str, actor: Party | None, target: Party | None, place: Place | None,
               when: DateRef, published: date | None) -> str:
    """Stable hash of type, parties, place and date: the same event gets the same id.

    An undated mention takes the ISO week of its article's publication instead (`published`;
    never its date: the record stays undated): "rebels attacked the army", told without a date
    in stories months apart, is not one event. Its stories of one week still merge."""
    def party_key(p: Party | None) -> str:
        return "" if p is None else (p.country or p.name.lower())

    key = "|".join([type_, party_key(actor), party_key(target),
                    (place.admin1_code or place.country or "") if place else "",
                    when.date.isoformat() if when.date else _undated_bucket(published)])
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _undated_bucket(published: date | None) -> str:
    if published is None:
        return ""
    year, week, _ = published.isocalendar()
    return f"undated {year}-W{week:02d}"


# Clause links that put an event under another act: "agreed to withdraw", "after X shelled",
# "the town they seized", "condemned the attack". A reporting verb's ccomp does not count.
EMBEDDING_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "csubj",
                            "dobj", "pobj", "nsubj", "nsubjpass", "attr", "appos", "npadvmod"})


def in_main_clause(draft: Draft) -> bool:
    """The draft's clause is the sentence's own assertion: the root, a verb joined to it by
    'and', or what a reporting verb reports ('X said troops shelled the town')."""
    tok = draft.anchor
    while tok.head.i != tok.i:  # spaCy makes a new Token object per access: compare indices
        head = tok.head
        if tok.dep_ in EMBEDDING_DEPS and not (
                tok.dep_ == "ccomp" and is_reporting_verb(head.lemma_)):
            return False
        tok = head
    return True


def confidence(cluster: Cluster, actor: Party | None, target: Party | None,
               place: Place | None, when: DateRef) -> float:
    """How surely the mention is an event the article reports: an asserted main-clause act
    first, then one with its parties, then one with place and date. The coding sets take
    the most confident mention of a sentence, so an embedded act ('to extend a ceasefire',
    'after militias shelled') must not outrank the sentence's own."""
    drafts = cluster.drafts
    score = 0.25 + 0.3 * any(in_main_clause(d) for d in drafts)
    score += 0.1 * any(d.factuality == "asserted" for d in drafts)
    score += 0.1 * (actor is not None) + 0.1 * (target is not None)
    score += 0.05 * (place is not None) + 0.05 * (when.date is not None)
    score += 0.025 * min(len(drafts) - 1, 2)
    if actor is not None and actor.country is None and actor.sector is None:
        score -= 0.05
    return round(min(score, 0.95), 3)


def to_mentions(drafts: list[Draft], article: Article, lexicon: Lexicon) -> list[Mention]:
    clusters = cluster_drafts(drafts)
    home: dict[int, Cluster] = {id(d): c for c in clusters for d in c.drafts}
    ids: dict[int, str] = {}
    built: list[tuple[Cluster, Mention]] = []
    for cluster in clusters:
        mention = build_mention(cluster, article, lexicon)
        ids[id(cluster)] = mention.id
        built.append((cluster, mention))
    out = []
    for cluster, mention in built:
        answered = next((home[id(d.responds_to)] for d in cluster.drafts
                         if d.responds_to is not None and id(d.responds_to) in home), None)
        if answered is not None and answered is not cluster:
            mention = _replace_responds(mention, ids[id(answered)])
        out.append(mention)
    return out


def _replace_responds(mention: Mention, responds_to: str) -> Mention:
    return replace(mention, responds_to=responds_to)


def build_mention(cluster: Cluster, article: Article, lexicon: Lexicon) -> Mention:
    drafts = cluster.drafts
    first = drafts[0]
    actor = _best_party([d.actor for d in drafts if d.actor is not None])
    named = _best_party([d.target for d in drafts if d.target is not None])
    target = named or _best_party([d.implied_target for d in drafts
                                   if d.implied_target is not None])
    place = _best_place([d.location for d in drafts if d.location is not None])
    when = _best_date([d.date for d in drafts])
    modes = [d.trigger for d in drafts if d.trigger.mode]
    trigger = modes[0] if modes else first.trigger
    code = lexicon.event_code(trigger.type, trigger.mode, trigger.cameo, trigger.acled)
    co_actors: dict[str, Party] = {}
    for d in drafts:
        for p in d.co_actors:
            if p.country != _country(actor) or p.country is None:
                co_actors.setdefault(p.country or p.name, p)
    evidence: dict[int, Evidence] = {}
    for d in drafts:
        ev = evidence_for(d, article)
        evidence.setdefault(ev.start, ev)
    sources = list(dict.fromkeys(s for d in drafts for s in d.attributed_to))
    fatalities = max((d.fatalities for d in drafts if d.fatalities is not None), default=None)
    injuries = max((d.injuries for d in drafts if d.injuries is not None), default=None)
    return Mention(
        id=mention_id(code.type, actor, target, place, when, article.published),
        article_id=article.id,
        code=code,
        actor=actor,
        target=target,
        location=place,
        date=when,
        evidence=tuple(sorted(evidence.values(), key=lambda e: e.start)),
        co_actors=tuple(co_actors.values()),
        fatalities=fatalities,
        injuries=injuries,
        factuality=first.factuality,
        attributed_to=tuple(sources),
        confidence=confidence(cluster, actor, named, place, when),
        reason="; ".join(dict.fromkeys(d.reason for d in drafts))
        + ("; target implied by the story" if named is None and target is not None else ""),
    )
