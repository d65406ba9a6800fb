# Types for what careerlog uses of flask-smorest's utilities (it ships no py.typed marker).
from typing import Any

def prepare_response(response: dict[str, Any], spec: Any, content_type: str) -> None: ...
