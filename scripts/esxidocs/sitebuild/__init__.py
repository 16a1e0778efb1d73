"""The parts of `esxidocs/build.py` that keep a build from losing or half-publishing files.

guard: which output folders may be replaced; lock: one build per output folder;
proc: child steps in their own process groups, stopped on SIGINT/SIGTERM/SIGHUP;
swap: world-readable modes and the atomic exchange of the new site for the old one.
"""
