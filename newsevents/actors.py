"""Actors: turn a noun phrase of the parse into a Party (name, country, sector).

Recognises countries ("Pakistan"), capitals used for governments ("Tehran"), demonyms
("Pakistani civilians"), possessives ("Pakistan's military"), sector nouns ("insurgents"),
named groups ("the Houthis"), IGOs, patrons ("Iran-backed militias" are militias, backed by
Iran), and simple coreference ("the country", "the two countries", "it") through `Discourse`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .bodies import named_body
from .entities import entities, entities_in
from .models import Country, Party, Place

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .gazetteer import Gazetteer
    from .lexicon import ActorTerm, Lexicon

STATE_SECTOR = "GOV"
PATRON_WORDS = frozenset({"backed", "sponsored", "supported", "funded", "aligned", "allied",
                          "linked"})
PROXY_NOUNS = frozenset({"proxy", "proxies", "ally", "allies"})
NEIGHBOUR_NOUNS = frozenset({"neighbour", "neighbor"})
COUNTRY_ANAPHORS = frozenset({"country", "nation", "state", "government", "republic", "kingdom"})
PAIR_ANAPHORS = frozenset({"two countries", "both countries", "two sides", "both sides",
                           "two nations", "both nations", "two neighbours", "two neighbors",
                           "the pair", "two governments", "both governments"})
SIDE_ANAPHORS = frozenset({"two sides", "both sides", "two parties", "both parties",
                           "warring parties", "warring sides"})  # sides of a conflict
GROUP_ANAPHORS = frozenset({"group", "organisation", "organization", "movement", "militia",
                            "alliance", "coalition", "insurgency", "faction"})
MEMBER_NOUNS = frozenset({"member", "fighter", "gunman", "gunmen", "militant", "rebel", "cadre",
                          "operative", "element", "unit", "commander", "leader", "combatant",
                          "chairman", "chairperson", "head", "chief", "spokesman", "spokeswoman",
                          "spokesperson", "envoy", "representative", "official", "delegation",
                          "negotiator", "delegate", "emissary", "executive", "employee"})
AGENT_NOUNS = frozenset({"head", "chief", "leader", "spokesman", "spokeswoman", "spokesperson",
                         "envoy", "representative", "official", "delegation", "negotiator",
                         "delegate", "emissary"})  # speak for any party: "envoys of Kenya"
MAX_NAME_WORDS = 5
NAME_ENTITIES = frozenset({"PERSON", "ORG", ""})  # the small model calls many people ORG
ANTECEDENT_WINDOW = 300  # tokens, a few paragraphs
COUNT_NOUNS = frozenset({"hundreds", "thousands", "dozens", "scores", "tens", "millions",
                         "hundred", "thousand", "dozen", "group", "crowd", "crowds"})
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "them", "its", "their"})
MODIFIER_DEPS = frozenset({"det", "amod", "compound", "poss", "nmod", "npadvmod", "case",
                           "nummod", "quantmod", "advmod", "punct"})


@dataclass
class Discourse:
    """What an article has said so far, for resolving 'the country', 'the two sides', 'it'."""

    countries: list[Country] = field(default_factory=list)  # most recent last
    groups: list[Party] = field(default_factory=list)
    last_actor: Party | None = None
    places: list[Place] = field(default_factory=list)
    people: dict[str, Party] = field(default_factory=dict)  # "ruto" -> Kenya's government
    dyads: list[tuple[Party, Party]] = field(default_factory=list)  # who acted on whom
    persons: list[tuple[int, Party]] = field(default_factory=list)  # (token, party), in order

    def saw_dyad(self, actor: Party, target: Party) -> None:
        if (actor.country, actor.sector, actor.name) != (target.country, target.sector,
                                                         target.name):
            self.dyads.append((actor, target))

    def saw_person(self, names: list[str], party: Party, at: int | None = None) -> None:
        for name in names:
            self.people[name.lower()] = party
        if names and at is not None and all(i != at for i, _ in self.persons[-4:]):
            self.persons.append((at, party))

    def person_before(self, i: int) -> Party | None:
        """The last named person mentioned before token `i`: who 'he' or 'she' is."""
        return next((p for at, p in reversed(self.persons) if at < i), None)

    def person(self, name: str) -> Party | None:
        return self.people.get(name.lower())

    def saw_place(self, place: Place) -> None:
        if place.precision in {"city", "admin1", "point"}:
            self.places.append(place)

    def last_place(self) -> Place | None:
        return self.places[-1] if self.places else None

    def saw_country(self, country: Country) -> None:
        if self.countries and self.countries[-1].iso3 == country.iso3:
            return
        self.countries = [c for c in self.countries if c.iso3 != country.iso3] + [country]

    def saw_group(self, party: Party) -> None:
        self.groups = [g for g in self.groups if g.name != party.name] + [party]


def noun_phrase(head: Token) -> Span:
    """The head with its left modifiers (det, amod, compound, poss, ...) and flat names."""
    doc = head.doc
    start = head.i
    for child in head.lefts:
        if child.dep_ in MODIFIER_DEPS:
            start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in {"compound", "flat", "appos"} and child.i == end:
            end = child.right_edge.i + 1
    if head.ent_type_:
        ent = next((e for e in entities(doc) if e.start <= head.i < e.end), None)
        if ent is not None:
            start, end = min(start, ent.start), max(end, ent.end)
    while start < end and doc[start].dep_ == "punct":
        start += 1
    return doc[start:end]


class ActorResolver:
    """Resolves noun-phrase heads to Party records; `Gazetteer` and `Lexicon` are injected."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon

    # -- countries ---------------------------------------------------------------------------
    def country_in(self, text: str) -> tuple[Country | None, bool]:
        """(country, is_capital) for a name, demonym or capital; (None, False) otherwise."""
        text = text.strip().strip("’'\"")
        if text.lower().endswith(("'s", "’s")):
            text = text[:-2]
        country = self.gazetteer.country(text)
        if country is not None:
            return country, False
        country = self.gazetteer.country_of_demonym(text)
        if country is not None:
            return country, False
        country = self.gazetteer.country_of_capital(text)
        return country, country is not None

    def token_country(self, token: Token, discourse: Discourse) -> Country | None:
        """Country named by a modifier token: 'Pakistan's', 'Pakistani', 'U.S.', 'the country's'."""
        if token.lower_ in COUNTRY_ANAPHORS and discourse.countries:
            return discourse.countries[-1]
        if self._country_pair(token):
            return None  # "the Niger-Benin pipeline" belongs to neither country alone
        span = noun_phrase(token) if token.ent_type_ else token.doc[token.i : token.i + 1]
        for text in (span.text, token.text):
            country, _ = self.country_in(text)
            if country is not None:
                return country
        if token.pos_ == "PROPN" and token.dep_ in {"compound", "nmod"} and \
                not self._is_named_body(span.text):  # "Fano fighters" are no Italians
            place = self.gazetteer.lookup(span.text)  # "Istanbul police", "Kharkiv governor"
            if place is not None and place.country and place.precision in {"city", "admin1"}:
                return self.gazetteer.country_by_code(place.country)
        return None

    def _country_pair(self, token: Token) -> bool:
        """'Niger-Benin', 'US-China': the token is one of two countries joined by a hyphen."""
        doc, i = token.doc, token.i
        left = i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and \
            not doc[i - 2].whitespace_ and self.country_in(doc[i - 2].text)[0] is not None
        right = i + 2 < len(doc) and doc[i + 1].text == "-" and not token.whitespace_ and \
            not doc[i + 1].whitespace_ and self.country_in(doc[i + 2].text)[0] is not None
        return left or right

    def _is_named_body(self, text: str) -> bool:
        found = self.lexicon.actor_term(text)
        return found is not None and found.kind in {"group", "igo"}

    # -- parties -----------------------------------------------------------------------------
    def term(self, span: Span) -> ActorTerm | None:
        """A named group or IGO inside the phrase ('the United Nations humanitarian
        coordinator'), else the longest actor-lexicon entry that ends at the span's head."""
        for ent in entities_in(span):
            found = self.lexicon.actor_term(ent.text)
            if found is not None and found.kind in {"group", "igo"}:
                return found
        found = self._named_inside(span)
        if found is not None:  # "Fano militiamen", "TPNPB spokesman Sebby Sambom"
            return found
        kept = [t for t in span if t.dep_ not in {"det", "poss", "case", "punct"}
                or t.i == span.root.i]  # "the insurgents' attack": the owner is a head too
        found = self._suffix_term(kept)
        if found is not None and found.kind == "sector" and len(kept) > 1:
            owner = self._suffix_term(kept[-2:-1])  # "rebel positions", "militant camps"
            if owner is not None and owner.kind == "sector" and owner.sector == "REB" and \
                    found.sector != "REB" and owner.name != "paramilitaries":
                return owner
        if found is None and kept and kept[-1].pos_ == "PROPN":
            found = self._title_term(kept)  # "Interior Minister John Reimberg": the title
        return found

    def _title_term(self, tokens: list[Token]) -> ActorTerm | None:
        """The title before a person's name: 'Government spokesman' of 'Government spokesman
        Abderaman Koulamallah' (a name is the trailing proper nouns, whatever their label)."""
        end = len(tokens)
        while end > 1 and tokens[end - 1].pos_ == "PROPN":
            end -= 1
            found = self._suffix_term(tokens[:end])
            if found is not None:
                return found
        return None

    def _named_inside(self, span: Span) -> ActorTerm | None:
        """A named group or IGO anywhere in the phrase, longest first; such names outrank the
        head noun ('Hezbollah fighters' are Hezbollah, whatever 'fighters' alone would be)."""
        tokens = [t for t in span if t.dep_ not in {"det", "case", "punct"}]
        for size in range(min(len(tokens), MAX_NAME_WORDS), 0, -1):
            for i in range(len(tokens) - size + 1):
                window = tokens[i : i + size]
                if window[-1].i - window[0].i != size - 1 or not window[0].text[:1].isupper():
                    continue
                found = self.lexicon.actor_term(" ".join(t.text for t in window))
                if found is not None and found.kind in {"group", "igo"}:
                    return found
        return None

    def antecedent_group(self, head: Token) -> Party | None:
        """'The alliance', 'the militant group': the nearest group named before."""
        doc = head.doc
        for ent in reversed([e for e in entities(doc) if e.end <= head.i
                             and e.start >= head.i - ANTECEDENT_WINDOW]):
            found = self.lexicon.actor_term(ent.text)
            if found is not None and found.kind == "group":
                return Party(noun_phrase(head).text, found.name, found.country, found.sector)
        return None

    def _suffix_term(self, tokens: list[Token]) -> ActorTerm | None:
        """The longest actor-lexicon entry that ends the token sequence (words, then lemmas)."""
        words = [t.lower_ for t in tokens]
        lemmas = [t.lemma_.lower() for t in tokens]
        for seq in (words, lemmas):
            for i in range(len(seq)):
                found = self.lexicon.actor_term(" ".join(seq[i:]))
                if found is not None:
                    return found
        return None

    def member_group(self, head: Token, discourse: Discourse) -> Party | None:
        """'Members of the CJNG', 'fighters of the SNA', 'gunmen from the Viv Ansanm gang':
        the members act for their group; 'negotiators for the government', 'delegations of
        the army', 'the head of India's border force' act for any party."""
        for obj in _member_objects(head):
            term = self.term(noun_phrase(obj))
            if term is not None and term.kind in {"group", "igo"}:
                party = Party(noun_phrase(head).text, term.name, term.country, term.sector)
                discourse.saw_group(party)
                return party
            agent = self.resolve(obj, discourse) if head.lemma_.lower() in AGENT_NOUNS \
                else None
            if agent is not None:
                return replace(agent, text=noun_phrase(head).text)
        return None

    def resolve(self, head: Token, discourse: Discourse) -> Party | None:
        """The Party a noun-phrase head denotes, or None when it is no political actor.
        A person named with a title ('Kenyan President William Ruto', 'Ruto, Kenya's
        president') is remembered: a later bare 'Ruto' is the same party."""
        party = self._resolve(head, discourse)
        appositive = next((c for c in head.children if c.dep_ == "appos"
                           and c.pos_ == "NOUN"), None)  # "Ruto, Kenya's president"
        if head.ent_type_ not in NAME_ENTITIES:
            appositive = None  # "Mocimboa da Praia, Mozambique" is a place
        if party is None and appositive is not None and head.pos_ == "PROPN":
            party = self._resolve(appositive, discourse)
            party = replace(party, text=noun_phrase(head).text) if party is not None else None
            names = person_names(head)
        else:
            names = person_names(appositive) if appositive is not None else []
            names = names or (person_names(head) if len(noun_phrase(head)) > 1 else [])
            named = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                          and c.ent_type_ == "PERSON"), None) if head.pos_ == "NOUN" else None
            names = names or (person_names(named) if named is not None else [])  # "the
            # governor, Dauda Lawal,": a later 'Lawal' or 'he' is the governor
        if party is not None:
            discourse.saw_person(names, party, head.i)
            return party
        known = discourse.person(noun_phrase(head).text) or discourse.person(head.text) \
            if head.pos_ == "PROPN" or head.is_title else None  # 'Morales' tagged a noun
        return replace(known, text=noun_phrase(head).text) if known is not None else None

    def remember_people(self, sent: Span, discourse: Discourse) -> None:
        """Read the titled people of a sentence into the discourse, whether or not they act
        in it ('Houthi military spokesman Yahya Saree claimed the attack')."""
        for ent in entities_in(sent):
            if ent.label_ == "PERSON" and ent.root.pos_ == "PROPN" and \
                    discourse.person(ent.root.text) is None:
                titled = ent.root.dep_ == "appos" and ent.root.head.pos_ == "NOUN"
                self.resolve(ent.root.head if titled else ent.root, discourse)

    def _resolve(self, head: Token, discourse: Discourse) -> Party | None:
        span = noun_phrase(head)
        text = span.text.strip(" “”\"'")
        lower = text.lower()
        if head.lower_ in PRONOUNS or head.pos_ == "PRON":
            return self._pronoun(head, discourse)
        if any(lower.endswith(p) for p in SIDE_ANAPHORS) and discourse.dyads:
            return replace(discourse.dyads[-1][0], text=text)  # the two sides of the story
        if any(lower.endswith(p) for p in PAIR_ANAPHORS) and len(discourse.countries) >= 2:
            first = discourse.countries[-2]
            return Party(text, first.name, first.iso3, STATE_SECTOR)
        counted = _counted_noun(head)
        if counted is not None:  # "hundreds of protesters"
            return self.resolve(counted, discourse)
        member = self.member_group(head, discourse)
        if member is not None:
            return member
        if head.lower_ in GROUP_ANAPHORS and lower.startswith("the ") and not any(
                t.pos_ == "PROPN" for t in span):  # "the group", "the militant group"
            group = discourse.groups[-1] if discourse.groups else self.antecedent_group(head)
            if group is not None:
                return replace(group, text=text)
        term = self.term(span)
        if term is not None and term.kind == "media":
            return None
        if term is not None and term.kind in {"group", "igo"}:
            party = Party(text, term.name, term.country, term.sector)
            discourse.saw_group(party)
            return party
        country, patron = self._modifier_countries(head, span, discourse)
        whole, _ = self.country_in(text)
        if whole is None and head.pos_ == "PROPN" and head.ent_type_ != "PERSON":
            whole, _ = self.country_in(head.text)  # "On Monday Niamey accused": 'Monday Niamey'
        if whole is not None and term is None:
            discourse.saw_country(whole)
            return Party(text, whole.name, whole.iso3, STATE_SECTOR)
        if patron is not None and term is None and head.lower_ in PROXY_NOUNS:
            return Party(text, text_name(span), None, "REB", patron)
        if term is not None:
            sector = term.sector
            if country is None and patron is None and lower.startswith("the ") and \
                    term.kind == "sector":
                country = self.antecedent_country(head)  # "the ministry" after "China's ..."
            name = country.name if country is not None else text_name(span)
            return Party(text, name, country.iso3 if country else None, sector, patron)
        if head.lemma_.lower() in NEIGHBOUR_NOUNS and term is None:
            neighbour = self._neighbour(head, discourse)  # "accusing its neighbour of ..."
            if neighbour is not None:
                return Party(text, neighbour.name, neighbour.iso3, STATE_SECTOR)
        if head.lower_ in COUNTRY_ANAPHORS and lower.startswith("the ") and discourse.countries:
            last = discourse.countries[-1]
            return Party(text, last.name, last.iso3, STATE_SECTOR)
        return named_body(self, head, span) if term is None else None

    def token_country_plain(self, token: Token) -> Country | None:
        """The country a single word or the name it is part of names ('Bangladesh')."""
        span = noun_phrase(token) if token.ent_type_ == "GPE" else token.doc[token.i : token.i + 1]
        return self.country_in(span.text)[0] or self.country_in(token.text)[0]

    def _neighbour(self, head: Token, discourse: Discourse) -> Country | None:
        """The last country named that is not the one whose neighbour it is ('Niger has kept
        its border with Benin closed, accusing its neighbour')."""
        if not any(c.dep_ == "poss" for c in head.children):
            return None
        owner = self.clause_owner_country(head)
        return next((c for c in reversed(discourse.countries)
                     if owner is not None and c.iso3 != owner.iso3), None)

    def clause_owner_country(self, head: Token) -> Country | None:
        """The country of the subject a possessive 'its' refers to: the subject of the nearest
        clause above the phrase ('Beijing said its coast guard ...'); a plural subject is
        no owner of 'its' ('the ministry said Armenian forces fired on its positions')."""
        singular = any(c.dep_ == "poss" and c.lower_ == "its" for c in head.children)
        for verb in head.ancestors:
            if verb.pos_ not in {"VERB", "AUX"}:
                continue
            subject = next((c for c in verb.children if c.dep_ == "nsubj"
                            and c.i != head.i and c.pos_ != "PRON"), None)
            if subject is not None and not (singular and subject.tag_ in {"NNS", "NNPS"}):
                country, _ = self.country_in(noun_phrase(subject).text)
                return country or self._phrase_country(subject)
        return None

    def _phrase_country(self, head: Token) -> Country | None:
        for child in head.children:
            if child.dep_ in {"poss", "amod", "compound", "nmod"}:
                found = self.token_country(child, Discourse())
                if found is not None:
                    return found
        return None

    def antecedent_country(self, head: Token) -> Country | None:
        """The country of the nearest earlier phrase with the same head noun: 'the ministry'
        after 'China's commerce ministry said ...' is China's."""
        doc = head.doc
        start = max(0, head.i - ANTECEDENT_WINDOW)
        for tok in reversed(doc[start : head.i]):
            if tok.lemma_.lower() == head.lemma_.lower() and tok.pos_ in {"NOUN", "PROPN"}:
                country, patron = self._modifier_countries(tok, noun_phrase(tok), Discourse())
                if country is not None and patron is None:
                    return country
        return None

    def _modifier_countries(
        self, head: Token, span: Span, discourse: Discourse
    ) -> tuple[Country | None, str | None]:
        """(country of the actor, patron country) read off the modifiers of a noun phrase."""
        country: Country | None = None
        patron: str | None = None
        children = list(head.children)
        if head.pos_ == "PROPN":  # "Azerbaijani Foreign Minister Jeyhun Bayramov": the title's
            children += [g for c in head.children if c.dep_ == "compound" for g in c.children
                         if g.dep_ in {"amod", "compound", "poss", "nmod"}]
        for child in children:
            if child.i < span.start or child.i >= span.end or child.dep_ in {"det", "punct"}:
                continue
            if child.dep_ == "amod" and child.lower_ in PATRON_WORDS:
                backer = next((self.token_country(g, discourse) for g in child.children
                               if g.dep_ in {"npadvmod", "compound", "nmod"}), None)
                if backer is None and child.i > 1 and head.doc[child.i - 1].text == "-":
                    backer = self.token_country(head.doc[child.i - 2], discourse)
                patron = backer.iso3 if backer else patron
                continue
            if child.dep_ == "npadvmod" and head.doc[child.i + 1].text == "-":
                backer = self.token_country(child, discourse)
                patron = backer.iso3 if backer else patron
                continue
            found = self.token_country(child, discourse)
            if found is None and child.dep_ == "poss" and child.lower_ in {"its", "their"}:
                found = self.clause_owner_country(head)  # "Kigali denied that its troops"
            if found is not None and country is None:
                country = found
        for prep in (c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                found = self.token_country(obj, discourse)
                country = country or found
        for prep in (c for c in head.rights if c.dep_ == "prep" and c.lower_ == "from"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                country = country or self._origin_country(obj)  # "youths from Jonglei state"
        if head.lower_ in PROXY_NOUNS and country is not None:
            return None, country.iso3
        if country is not None:
            discourse.saw_country(country)
        return country, patron

    def _origin_country(self, obj: Token) -> Country | None:
        """The country of a named place people come from: 'from Chad', 'from Jonglei state'."""
        span = noun_phrase(obj)
        if not any(t.pos_ == "PROPN" for t in span):
            return None
        country, _ = self.country_in(span.text)
        if country is not None:
            return country
        place = self.gazetteer.lookup(span.text)
        if place is None or not place.country or place.precision not in {"city", "admin1"}:
            return None
        return self.gazetteer.country_by_code(place.country)

    def _pronoun(self, head: Token, discourse: Discourse) -> Party | None:
        if head.lower_ in {"it", "its"} and discourse.last_actor is not None:
            return discourse.last_actor
        if head.lower_ in {"they", "their", "them"} and discourse.last_actor is not None:
            return discourse.last_actor
        if head.lower_ in {"he", "she"}:  # "the minister, Abraham Kelang, said ... He called"
            person = discourse.person_before(head.i)
            return replace(person, text=head.text) if person is not None else None
        return None

    def conjuncts(self, head: Token, discourse: Discourse) -> list[Party]:
        """Co-actors joined to a head by 'and': 'Pakistan and Iran held ...', and by coordinated
        modifiers: 'US and British warplanes' (Britain's warplanes too)."""
        parties = self._modifier_conjuncts(head, discourse)
        if head.lemma_.lower() in AGENT_NOUNS:  # "delegations of the army and the RSF"
            parties += [p for obj in _member_objects(head)[:1] for conj in obj.conjuncts
                        if conj.i > obj.i and (p := self.resolve(conj, discourse)) is not None]
        for conj in head.conjuncts:
            if conj.i > head.i:
                party = self.resolve(conj, discourse)
                if party is not None:
                    parties.append(party)
        return parties

    def _modifier_conjuncts(self, head: Token, discourse: Discourse) -> list[Party]:
        parties = []
        for child in head.children:
            if child.dep_ not in {"amod", "compound", "nmod"} or child.i > head.i:
                continue
            for conj in child.conjuncts:
                if conj.i > child.i:
                    country = self.token_country(conj, discourse)
                    term = self.term(noun_phrase(head))
                    if country is not None:
                        sector = term.sector if term is not None else STATE_SECTOR
                        parties.append(Party(f"{conj.text} {head.text}", country.name,
                                             country.iso3, sector))
        return parties

    def pair(self, head: Token, discourse: Discourse) -> list[Party]:
        """'the two countries' -> the second of the last two countries, as a co-actor."""
        text = noun_phrase(head).text.lower()
        if any(text.endswith(p) for p in SIDE_ANAPHORS) and discourse.dyads:
            return [replace(discourse.dyads[-1][1], text=noun_phrase(head).text)]
        if any(text.endswith(p) for p in PAIR_ANAPHORS) and len(discourse.countries) >= 2:
            second = discourse.countries[-1]
            return [Party(noun_phrase(head).text, second.name, second.iso3, STATE_SECTOR)]
        return []


def person_names(head: Token) -> list[str]:
    """How a named person may be called later: the full name and the surname ('William
    Ruto', 'Ruto'), for a proper-noun head the model labels a person."""
    if head.pos_ != "PROPN" or head.ent_type_ not in NAME_ENTITIES:
        return []
    start = head.i
    while start > 0 and head.doc[start - 1].ent_type_ == head.ent_type_ != "" and \
            head.doc[start - 1].pos_ == "PROPN":
        start -= 1
    return list(dict.fromkeys((head.doc[start : head.i + 1].text, head.text)))


def _member_objects(head: Token) -> list[Token]:
    """The party a member noun belongs to: 'of/from/for X'."""
    if head.lemma_.lower() not in MEMBER_NOUNS:
        return []
    return [obj for prep in head.rights if prep.dep_ == "prep" and prep.lower_ in {
        "of", "from", "for"} for obj in prep.children if obj.dep_ == "pobj"]


def _counted_noun(head: Token) -> Token | None:
    if head.lower_ not in COUNT_NOUNS:
        return None
    return next((g for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj"), None)


def text_name(span: Span) -> str:
    """A readable name for an actor without a country: the phrase minus leading determiners
    and counts ('at least three')."""
    start = span.start
    while start < span.end - 1 and span.doc[start].dep_ in {"det", "nummod", "quantmod",
                                                             "advmod", "punct"}:
        start += 1
    return span.doc[start : span.end].text.strip(" “”\"'") or span.text
