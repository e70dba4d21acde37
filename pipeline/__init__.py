"""Bilingual (Chinese/English) news extraction pipeline: one module per DVC stage."""

__version__ = "0.1.0"
