"""`python -m streams.cli` runs the `newsevents` command line."""
from streams.cli import main

if __name__ == "__main__":  # not when a spawned child process imports this module
    main()
