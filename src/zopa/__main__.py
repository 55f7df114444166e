"""Run the zopa CLI as ``python -m zopa``."""

from zopa.cli import main

main()
