"""Runs a widget scenario in a real Python ipykernel (ipywidgets 8) and prints every comm and display
message it sends, as JSON: the oracle for the shapes tsml's widget messages must have.

Usage: python ipywidgets_oracle.py < scenario.json   (see test/widgets/protocol.test.ts)
The scenario: {"code": "...", "steps": [{"to": "<var name>", "data": {...}}, {"control": true}, ...]}
Each step sends a comm_msg to the widget held in that variable (its comm id is looked up with
user_expressions) or, with "control", opens jupyter.widget.control and asks for every state.
"""
import json
import sys
import uuid

from jupyter_client.manager import start_new_kernel

scenario = json.load(sys.stdin)
km, kc = start_new_kernel(kernel_name="python3", startup_timeout=120)
messages = []


def drain(parent_id):
    """iopub messages for one request, up to its idle status."""
    while True:
        m = kc.get_iopub_msg(timeout=90)
        if m["parent_header"].get("msg_id") != parent_id:
            continue
        if m["msg_type"] == "status":
            if m["content"]["execution_state"] == "idle":
                return
            continue
        messages.append({
            "step": len(steps_done),
            "msg_type": m["msg_type"],
            "content": m["content"],
            "metadata": m["metadata"],
            "buffers": [len(b) for b in m.get("buffers", [])],
        })


def shell_reply(parent_id):
    """The reply to one request: start_new_kernel's extra kernel_info replies can still be queued on a busy machine."""
    while True:
        m = kc.get_shell_msg(timeout=90)
        if m["parent_header"].get("msg_id") == parent_id:
            return m


steps_done = []
try:
    msg_id = kc.execute(scenario["code"])
    shell_reply(msg_id)
    drain(msg_id)
    for step in scenario["steps"]:
        steps_done.append(step)
        if step.get("control"):
            comm_id = uuid.uuid4().hex
            m = kc.session.msg("comm_open", {"comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}}, metadata={"version": "1.0.0"})
            kc.shell_channel.send(m)
            drain(m["header"]["msg_id"])
            m = kc.session.msg("comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}})
        else:
            reply = kc.execute("", user_expressions={"id": f"{step['to']}.model_id"}, silent=True)
            r = shell_reply(reply)
            drain(reply)
            model_id = json.loads(r["content"]["user_expressions"]["id"]["data"]["text/plain"].replace("'", '"'))
            m = kc.session.msg("comm_msg", {"comm_id": model_id, "data": step["data"]})
        kc.shell_channel.send(m)
        drain(m["header"]["msg_id"])
        if step.get("then"):
            msg_id = kc.execute(step["then"])
            shell_reply(msg_id)
            drain(msg_id)
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)

print(json.dumps(messages))
