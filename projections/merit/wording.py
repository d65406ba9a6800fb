"""The wording of the findings: careerlog.domain.wording, where the ledger's refusals are worded the same way.

Import it from careerlog.domain.wording; this name stays for the merit modules that still import it from here.
"""

from careerlog.domain.wording import Params, Template, Wording

__all__ = ["Params", "Template", "Wording"]
