"""The jobs feature."""
