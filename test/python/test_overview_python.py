"""tsml_jupyterlab.Overview: statistics from Facets' Python generator, shown by tsml's Overview panel."""
import json

import numpy as np
import pandas as pd
import pytest
from facets_overview.generic_feature_statistics_generator import GenericFeatureStatisticsGenerator
from google.protobuf import json_format

from tsml_jupyterlab import Overview
from tsml_jupyterlab.overview import MIME


def facets_proto():
    # As ProtoFromDataFrames does, with Series.to_numpy() for the Series.ravel() pandas 3 removed.
    g = GenericFeatureStatisticsGenerator()
    frames = {
        "train": pd.DataFrame({"age": [30.0, 40.0, np.nan, 50.0], "city": ["a", "b", "a", None]}),
        "test": pd.DataFrame({"age": [35.0, 45.0], "city": ["b", "b"]}),
    }
    return g.GetDatasetsProto(
        [{"name": n, "size": len(t), "entries": {c: g.NdarrayToEntry(t[c].to_numpy()) for c in t}} for n, t in frames.items()]
    )


def test_proto_message_becomes_the_panel_payload_with_fallbacks():
    proto = facets_proto()
    bundle = Overview(proto)._repr_mimebundle_()
    assert set(bundle) == {MIME, "text/plain", "text/html"}
    assert bundle[MIME] == json_format.MessageToDict(proto)
    assert bundle["text/plain"].splitlines()[:3] == [
        "train: 4 rows",
        "  age (float): count 3, missing 25.0%",
        "  city (string): count 3, missing 25.0%",
    ]
    assert bundle["text/html"].startswith("<pre>") and "<script" not in bundle["text/html"]


@pytest.mark.parametrize("snake", [False, True])
def test_json_text_in_either_spelling_is_accepted(snake):
    text = json_format.MessageToJson(facets_proto(), preserving_proto_field_name=snake)
    bundle = Overview(text)._repr_mimebundle_()
    assert bundle[MIME] == json.loads(text)
    assert "test: 2 rows" in bundle["text/plain"]


def test_anything_else_is_refused_with_what_to_pass():
    with pytest.raises(TypeError, match="DatasetFeatureStatisticsList.*got list"):
        Overview([1, 2])
    with pytest.raises(TypeError, match="dict with 'datasets'"):
        Overview({"rows": 1})
