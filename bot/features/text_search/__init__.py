"""Text typed outside any dialog runs a one-off search, as typing on hh.kz does."""
