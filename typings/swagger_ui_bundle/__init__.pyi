# Types for swagger-ui-bundle (it ships no py.typed marker): the folder of Swagger UI's files.
from pathlib import Path

swagger_ui_path: Path
