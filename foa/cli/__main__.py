"""``python -m foa.cli ...`` is the ``foa`` command."""

import sys

from foa.cli import main

sys.exit(main())
