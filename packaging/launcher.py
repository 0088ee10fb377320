"""The bundle's entry point: the same `guide-app` command as the console script."""

import sys

from guide_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
