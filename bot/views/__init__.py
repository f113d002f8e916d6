"""Screens shared by several routers: (text, keyboard) builders, no sending."""
