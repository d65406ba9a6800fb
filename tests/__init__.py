"""careerlog's tests."""

from tests import url_builders

url_builders.install()  # werkzeug's URL builders compiled once per process (tests/url_builders.py)
