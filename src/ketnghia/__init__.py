"""ketnghia: the record keeper of the kết nghĩa twinning programme."""

__version__ = "0.1.0"
