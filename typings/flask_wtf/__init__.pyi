# Types for what careerlog uses of Flask-WTF 1.x (it ships no py.typed marker): its form, on WTForms' types.
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup
from wtforms import Field, Form
from wtforms.csrf.core import CSRFTokenField

class FlaskForm(Form):
    csrf_token: CSRFTokenField  # (added to each form by its Meta when CSRF protection is on, as careerlog has it)
    def __init__(self, formdata: Any = ..., **kwargs: Any) -> None: ...
    def is_submitted(self) -> bool: ...
    def validate_on_submit(self, extra_validators: Mapping[str, Sequence[Any]] | None = None) -> bool: ...
    def hidden_tag(self, *fields: str | Field) -> Markup: ...
