"""Browser tests: the built site, served on 127.0.0.1, driven in Debian's Chromium.

A package (unlike tests/) so that this folder's conftest.py does not shadow tests/conftest.py
as the top-level module `conftest`, which the other test modules import.
"""
