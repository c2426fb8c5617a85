"""`python -m zhibu_build` = `zhibu-build`."""

import sys

from .cli import main

sys.exit(main())
