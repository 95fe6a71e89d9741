"""Places printed inflected, in the nominative that facts and territories use."""
import pytest

from ingest.place_names import parish_nominative, unit_nominative


@pytest.mark.parametrize("printed, nominative", [
    ("Degoles", "Degole"), ("Irlavas", "Irlava"), ("Jaunsātu", "Jaunsāti"),
    ("Slampes un Džūkstes", "Slampe/Džūkste"), ("Slampes/ Džūkstes", "Slampe/Džūkste"),
])
def test_parish_names(printed, nominative):
    assert parish_nominative(printed) == nominative


@pytest.mark.parametrize("printed, nominative", [
    ("Sociālo pakalpojumu sniedzēju struktūrvienībās", "Sociālo pakalpojumu sniedzēju struktūrvienības"),
    ("Pagastu teritorijās", "Pagastu teritorijas"),
    ("Dienas centros", "Dienas centri"),
    ("Aprūpes mājās dienestā", "Aprūpes mājās dienestā"),  # a singular locative is kept as printed
])
def test_units_named_in_the_locative(printed, nominative):
    assert unit_nominative(printed) == nominative
