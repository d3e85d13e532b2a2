"""jupyter_kernel_test against the installed tsml kernelspec, with every sample filled in, so
none of its tests is skipped (protocol 5.4, including the JEP 65 iopub welcome)."""
import os
import tempfile
import unittest

import jupyter_kernel_test as jkt

# A private history file, so search/unique results do not depend on earlier sessions on this machine.
os.environ["TSML_HISTORY_FILE"] = os.path.join(tempfile.mkdtemp(prefix="tsml-jkt-"), "history.jsonl")


class TsmlKernelTests(jkt.KernelTests):
    kernel_name = "tsml"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("some error")'

    completion_samples = [
        {"text": "Math.flo", "matches": {"floor"}},
        {"text": "parseFl", "matches": {"parseFloat"}},
        {"text": "JSON.str", "matches": {"stringify"}},
    ]
    complete_code_samples = ["1 + 1", "const x: number = 1", "function f() { return 1 }", "import * as fs from 'node:fs'"]
    incomplete_code_samples = ["function f() {", "const a = [1,", "if (x) {\n  y()", "`template ${"]
    invalid_code_samples = ["const = 5", "}", "let 1x = 2", "a b c"]

    code_page_something = "?Math.floor"
    code_generate_error = 'throw new Error("boom")'
    code_execute_result = [
        {"code": "6*7", "result": "42"},
        {"code": '"ts" + "ml"', "result": "'tsml'"},
        {"code": "[1, 2, 3].map((x: number) => x * 2)", "result": "[ 2, 4, 6 ]"},
    ]
    code_display_data = [
        {"code": 'display.html("<b>bold</b>")', "mime": "text/html"},
        {"code": 'display.markdown("# title")', "mime": "text/markdown"},
        {"code": 'display.svg("<svg xmlns=\'http://www.w3.org/2000/svg\'/>")', "mime": "image/svg+xml"},
    ]
    code_history_pattern = "6?7"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "Math.floor"
    code_clear_output = "clearOutput()"


class TsmlIopubWelcomeTests(jkt.IopubWelcomeTests):
    kernel_name = "tsml"
    support_iopub_welcome = True


if __name__ == "__main__":
    unittest.main()
