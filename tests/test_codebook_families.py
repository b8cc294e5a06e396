"""CAMEO/PLOVER codebook families the lexicon covers, on sentences we wrote: announced
sanctions, support and apologies (05), sanctions (16), destruction and mass expulsion (17, 20),
humanitarian access (0863), and passive subjects the actor lexicon knows."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.models import Mention
from newsevents.pipeline import Coder

PUBLISHED = date(2025, 3, 10)
pytestmark = pytest.mark.slow


def top(coder: Coder, text: str) -> Mention:
    mentions = coder.code_text(text, PUBLISHED)
    assert mentions, f"no event in {text!r}"
    return mentions[0]


@pytest.mark.parametrize(("text", "type_", "cameo"), [
    ("Norway announced on Friday that it would suspend all aid to Burundi.", "SANCTION", "162"),
    ("Australia announced it will cut off military assistance to Fiji.", "SANCTION", "162"),
])
def test_an_announced_sanction_is_the_sanction(coder: Coder, text: str, type_: str,
                                               cameo: str) -> None:
    mention = top(coder, text)
    assert (mention.code.type, mention.code.cameo, mention.factuality) == (
        type_, cameo, "asserted")


def test_an_announced_deployment_stays_a_plan(coder: Coder) -> None:
    mention = top(coder, "Norway announced on Friday that it would send troops to Burundi.")
    assert mention.factuality == "future"


def test_an_announced_sanction_with_a_condition_stays_a_plan(coder: Coder) -> None:
    mentions = coder.code_text("Norway announced it would suspend aid to Burundi unless the "
                               "government freed the journalists.", PUBLISHED)
    assert not any(m.code.type == "SANCTION" and m.factuality == "asserted" for m in mentions)


@pytest.mark.parametrize(("text", "type_", "cameo"), [
    ("The Japanese prime minister apologized to South Korea for the wartime abuses.",
     "SUPPORT", "055"),
    ("The Brazilian president extolled the Argentine government's handling of the talks.",
     "SUPPORT", "051"),
    ("Brazil lent its support to the Argentine proposal at the summit.", "SUPPORT", "051"),
    ("Japan discontinued its economic assistance to Myanmar after the coup.", "SANCTION",
     "162"),
    ("Kenya broke off talks with Somalia on Friday.", "SANCTION", "164"),
    ("Rebels blew up a bridge near Kandahar on Monday.", "ASSAULT", "1712"),
    ("Israeli troops bulldozed three Palestinian houses in Hebron.", "ASSAULT", "1712"),
    ("Rebels commandeered two trucks belonging to the Red Cross in Darfur.", "COERCE", "1711"),
    ("The Burmese army forced out more than 2,000 villagers from their homes in Rakhine.",
     "ASSAULT", "201"),
    ("The Kenyan president faulted the Somali government for the collapse of the talks.",
     "ACCUSE", "111"),
    ("The Indian government expressed displeasure over the Pakistani army's firing.",
     "ACCUSE", "111"),
    ("Turkey allowed the delivery of food and medicine to Syria through the crossing.",
     "RETREAT", "0863"),
    ("A third of the rebels in Chad have been demobilized since the peace deal.", "RETREAT",
     "0873"),
    ("Half of the militiamen in Ituri were disarmed last month.", "RETREAT", "0873"),
    ("The Egyptian authorities closed down an opposition magazine in Cairo.", "COERCE", "1721"),
    ("The Iranian government banned two reformist dailies on Sunday.", "COERCE", "1721"),
])
def test_codebook_families(coder: Coder, text: str, type_: str, cameo: str) -> None:
    mention = top(coder, text)
    assert (mention.code.type, mention.code.cameo) == (type_, cameo)


@pytest.mark.parametrize("text", [
    "The board forced out the chief executive of the bank.",
    "Half of the shares were sold last month.",
])
def test_no_event_outside_the_families(coder: Coder, text: str) -> None:
    assert coder.code_text(text, PUBLISHED) == []
