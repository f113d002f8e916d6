pytest_plugins = [
    "tests.fixtures.telegram",
    "tests.fixtures.db",
    "tests.fixtures.hh",
    "tests.fixtures.bot",
]
