"""``python -m politburo``: the command line, as the ``politburo`` script."""

from .cli import main

main()
