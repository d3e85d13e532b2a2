"""papermill support for tsml's TypeScript notebooks.

papermill has no TypeScript translator and only registers translators in code. It imports every
``papermill.engine`` entry point at start-up, so importing this module (through the ``tsml`` engine
entry point) registers :class:`TypeScriptTranslator` for the ``tsml`` kernel and the ``typescript``
and ``javascript`` languages. Notebooks still run with papermill's default engine unless ``-e tsml``
is given; :class:`TsmlEngine` behaves exactly like it.
"""
import json
import math
import re

from papermill.engines import NBClientEngine
from papermill.models import Parameter
from papermill.translators import Translator, papermill_translators

_DECLARATION = re.compile(
    r"^\s*(?:export\s+)?(?:const|let|var)\s+(?P<name>[A-Za-z_$][\w$]*)\s*"
    r"(?::\s*(?P<type>[^=]+?))?\s*=\s*(?P<value>.+?)\s*;?\s*(?://\s*(?P<help>.*))?$"
)


class TypeScriptTranslator(Translator):
    """Parameters as TypeScript declarations: ``const lr = 0.01;``.

    tsml cells may re-declare a name (as a REPL does), so the injected cell overrides the
    declarations of the ``parameters`` cell.
    """

    @classmethod
    def translate_escaped_str(cls, str_val):
        return json.dumps(str(str_val), ensure_ascii=False)

    @classmethod
    def translate_none(cls, val):
        return "null"

    @classmethod
    def translate_float(cls, val):
        if math.isnan(val):
            return "NaN"
        if math.isinf(val):
            return "Infinity" if val > 0 else "-Infinity"
        return repr(val)

    @classmethod
    def translate_dict(cls, val):
        items = ", ".join(f"{json.dumps(str(k))}: {cls.translate(v)}" for k, v in val.items())
        return f"{{{items}}}"

    @classmethod
    def translate_list(cls, val):
        return f"[{', '.join(cls.translate(v) for v in val)}]"

    @classmethod
    def comment(cls, cmt_str):
        return f"// {cmt_str}".strip()

    @classmethod
    def assign(cls, name, str_val):
        return f"const {name} = {str_val};"

    @classmethod
    def inspect(cls, parameters_cell):
        """Parameters declared as ``const name: type = value; // help`` lines (for --help-notebook)."""
        params = []
        for line in parameters_cell.source.splitlines():
            m = _DECLARATION.match(line)
            if m:
                params.append(
                    Parameter(
                        name=m.group("name"),
                        inferred_type_name=(m.group("type") or "None").strip(),
                        default=m.group("value").strip(),
                        help=(m.group("help") or "").strip(),
                    )
                )
        return params


class TsmlEngine(NBClientEngine):
    """papermill's nbclient engine; selecting it (-e tsml) is optional."""


for _name in ("tsml", "typescript", "javascript"):
    papermill_translators.register(_name, TypeScriptTranslator)
