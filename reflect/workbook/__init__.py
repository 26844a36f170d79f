"""Workbooks: the pydantic schema, the loader and its friendly errors.

Importing this package is cheap; pydantic is loaded only when a workbook is
actually read (see `loader.py`).
"""
