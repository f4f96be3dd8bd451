#!/usr/bin/env python3
"""Command line for editors and for the build: check, build, generate, schema (see plansite/cli.py)."""
import sys
from pathlib import Path

from plansite.cli import run

if __name__ == "__main__":
    sys.exit(run(Path(__file__).resolve().parent.parent, sys.argv[1:]))
