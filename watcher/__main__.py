"""`python -m watcher`: the same entry point as the `watcher` console script."""

import sys

from watcher.cli import main

sys.exit(main())
