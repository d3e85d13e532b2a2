"""tsml's Overview panel for Python kernels: show statistics made by Facets' Python generator or
TFDV (a ``DatasetFeatureStatisticsList``) in JupyterLab, with the same panel TypeScript notebooks get.

    from tsml_jupyterlab import Overview
    Overview(GenericFeatureStatisticsGenerator().ProtoFromDataFrames([...]))

The panel reads the proto3 JSON form, so the message travels as ``MessageToDict`` output. Without the
JupyterLab extension (nbviewer, GitHub) the output falls back to a plain-text summary."""
from __future__ import annotations

import html
import json
from typing import Any

MIME = "application/vnd.tsml.overview.v1+json"


def _as_dict(statistics: Any) -> dict:
    if hasattr(statistics, "DESCRIPTOR") and hasattr(statistics, "SerializeToString"):
        from google.protobuf import json_format  # only needed for proto messages

        return json_format.MessageToDict(statistics)
    if isinstance(statistics, (str, bytes)):
        statistics = json.loads(statistics)
    if isinstance(statistics, dict) and isinstance(statistics.get("datasets"), list):
        return statistics
    raise TypeError(
        "Overview expects a DatasetFeatureStatisticsList: the proto message (from facets_overview or TFDV), "
        f"its MessageToDict/MessageToJson form, or a dict with 'datasets'; got {type(statistics).__name__}"
    )


def _count(value: Any) -> int:
    # proto3 JSON writes uint64 as strings and leaves out zeros.
    return int(value or 0)


def summary(data: dict) -> str:
    """One line per dataset and feature: type, count and missing share, as the panel's plain-text fallback."""
    lines = []
    for d in data["datasets"]:
        rows = _count(d.get("numExamples", d.get("num_examples")))
        lines.append(f"{d.get('name', 'dataset')}: {rows:,} rows")
        for f in d.get("features", []):
            stats = f.get("numStats") or f.get("num_stats") or f.get("stringStats") or f.get("string_stats") or {}
            common = stats.get("commonStats") or stats.get("common_stats") or {}
            present = _count(common.get("numNonMissing", common.get("num_non_missing")))
            missing = _count(common.get("numMissing", common.get("num_missing")))
            share = missing / (present + missing) if present + missing else 0
            lines.append(f"  {f.get('name', '')} ({str(f.get('type', 'INT')).lower()}): count {present:,}, missing {share:.1%}")
    return "\n".join(lines)


class Overview:
    """Displays a DatasetFeatureStatisticsList in tsml's Overview panel."""

    def __init__(self, statistics: Any):
        self.data = _as_dict(statistics)

    def _repr_mimebundle_(self, include=None, exclude=None):
        text = summary(self.data)
        return {MIME: self.data, "text/plain": text, "text/html": f"<pre>{html.escape(text)}</pre>"}
