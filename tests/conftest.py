pytest_plugins = ["tests.fixtures.telegram"]
