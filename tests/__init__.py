"""careerlog's tests."""

from tests import template_code, url_builders

url_builders.install()  # werkzeug's URL rules parsed, their builders compiled, once per process (tests/url_builders.py)
template_code.install()  # the pages' templates compiled once per process (tests/template_code.py)
