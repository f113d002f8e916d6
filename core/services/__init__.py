"""Use cases: what the bot and the push path ask for, over repositories and the HH client."""
