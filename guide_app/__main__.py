"""`python -m guide_app` and the `guide-app` console script."""

import sys

from guide_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
