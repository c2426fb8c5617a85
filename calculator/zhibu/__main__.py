"""`python -m zhibu` = the `zhibu` command."""

from .cli import main

main()
