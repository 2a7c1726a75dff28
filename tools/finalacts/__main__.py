"""`python -m finalacts`: the same command line as the `finalacts` script."""

import sys

from finalacts.cli import main

sys.exit(main())
