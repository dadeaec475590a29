"""Checks every <text-id>.json in this folder against its corpus text.

The checks are ../annotations.py's (main): run with -v for the review aids.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from annotations import main  # noqa: E402 (the shared module sits one folder up)

if __name__ == "__main__":
    main(HERE, os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "db", "corpus")), percentages=False)
