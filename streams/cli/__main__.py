"""`python -m streams.cli` runs the `newsevents` command line."""
from streams.cli import main

main()
