"""foa's version, in one place: the package and every module that records or prints it read it here."""

__version__ = "0.1.0"
