"""The real Facets proto and Python generator, for the stats engine's tests.

Reads JSON on stdin: {"ours": "<DatasetFeatureStatisticsList as proto3 JSON>",
"datasets": [{"name": str, "columns": {name: {"dtype": "float64"|"int64"|"object"|"bool",
"values": [...]}}}]} (values: null is missing; in float columns "NaN", "Infinity",
"-Infinity" are those numbers). Writes JSON on stdout: {"ours": <ours parsed with
json_format.Parse into DatasetFeatureStatisticsList, then MessageToDict>} or
{"parseError": str}, and "facets": <GenericFeatureStatisticsGenerator().ProtoFromDataFrames
on pandas DataFrames of the same data, as MessageToDict> when datasets are given, plus
"facetsJson" / "facetsSnakeJson": the same proto as MessageToJson text (camelCase / snake_case)."""
import json
import sys
import warnings

import numpy as np
import pandas as pd
from google.protobuf import json_format
from facets_overview.feature_statistics_pb2 import DatasetFeatureStatisticsList
from facets_overview.generic_feature_statistics_generator import GenericFeatureStatisticsGenerator

warnings.simplefilter("ignore")  # NumPy warns about inf - inf in np.std; the result (NaN) is what we compare
SPECIAL = {"NaN": np.nan, "Infinity": np.inf, "-Infinity": -np.inf}


def column(spec):
    dtype, values = spec["dtype"], spec["values"]
    if dtype == "float64":
        return pd.Series([np.nan if v is None else SPECIAL.get(v, v) for v in values], dtype="float64")
    if dtype == "object":
        return pd.Series(values, dtype="object")
    return pd.Series(values, dtype=dtype)


def as_dict(message):
    return json_format.MessageToDict(message, always_print_fields_with_no_presence=True)


request = json.load(sys.stdin)
out = {}
try:
    out["ours"] = as_dict(json_format.Parse(request["ours"], DatasetFeatureStatisticsList()))
except json_format.ParseError as e:
    out["parseError"] = str(e)
if request.get("datasets"):
    # ProtoFromDataFrames(frames) line by line, except that each column goes in as
    # `Series.to_numpy()`: the generator calls `Series.ravel()`, which pandas 3 removed
    # (it returned exactly this ndarray before).
    gen = GenericFeatureStatisticsGenerator()
    frames = [(d["name"], pd.DataFrame({k: column(v) for k, v in d["columns"].items()})) for d in request["datasets"]]
    datasets = [{"entries": {c: gen.NdarrayToEntry(t[c].to_numpy()) for c in t}, "size": len(t), "name": n} for n, t in frames]
    proto = gen.GetDatasetsProto(datasets)
    out["facets"] = as_dict(proto)
    # As Python users hand statistics over: proto3 JSON text, defaults left out, in either field spelling.
    out["facetsJson"] = json_format.MessageToJson(proto)
    out["facetsSnakeJson"] = json_format.MessageToJson(proto, preserving_proto_field_name=True)
json.dump(out, sys.stdout)
