"""`python -m plansite COMMAND`: the command line, for the project in the current folder."""
import sys
from pathlib import Path

from plansite.cli import run

sys.exit(run(Path.cwd(), sys.argv[1:]))
