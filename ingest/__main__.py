import sys

from ingest.cli import main

if __name__ == "__main__":  # worker processes may import this module: it must not run the command there
    sys.exit(main())
