"""The issue's number: 100,000 random values through the field validators and `carsplus report import`, split where
each is cheapest (a value through a validator costs about a tenth of a millisecond; an import that reaches the
database costs a transaction). Each test records what it ran; ``tests/fuzz/conftest.py`` prints the sum."""

from tests.fuzz import test_fuzz_field_validators as validators
from tests.fuzz import test_fuzz_import as imports


def test_the_fuzz_pushes_100000_values() -> None:
    shares = {
        "field validators": validators.VALIDATOR_VALUES,
        "imports with a bad value": imports.POISONED_IMPORTS,
        "mutated imports": imports.MUTATED_IMPORTS,
        "imports refused by the database": imports.DATABASE_REFUSALS,
        "hypothesis imports": imports.HYPOTHESIS_IMPORTS,
        "texts through the command": imports.CLI_TEXTS,
        "bad files through the command": len(imports.CLI_CASES),
        "files through the installed command": imports.SUBPROCESS_RUNS,
    }
    assert sum(shares.values()) >= 100_000, shares
