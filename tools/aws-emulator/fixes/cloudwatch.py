"""CloudWatch over the Smithy RPC v2 CBOR protocol.

AWS: CloudWatch answers `POST /service/GraniteServiceVersion20100801/operation/<Operation>` with
`smithy-protocol: rpc-v2-cbor` in CBOR, and the AWS SDK for Go v2 (service/cloudwatch v1.65, used
by cloudwatch-controller v1.8.1) speaks only that, and rejects an answer without the
`smithy-protocol` header. moto serves CloudWatch's JSON and query protocols but not CBOR: it
answers 404, so no MetricAlarm syncs. This bridge turns a CBOR request into the same request in
the JSON protocol (`X-Amz-Target: <prefix>.<Operation>`), lets moto answer it, and encodes the
answer back into CBOR with botocore's own model, parser and serializer (installed with moto).
"""
import io
import json
import re
from typing import Any, Callable

CBOR_PATH = re.compile(r"^/service/([^/]+)/operation/([^/]+)$")
# targetPrefix of a service model → its botocore name; only the services a controller needs.
SERVICES = {"GraniteServiceVersion20100801": "cloudwatch"}


def _cbor_text(value: str) -> bytes:
    data = value.encode()
    return _cbor_head(3, len(data)) + data


def _cbor_head(major: int, length: int) -> bytes:
    if length < 24:
        return bytes([major << 5 | length])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if length < 1 << (8 * size):
            return bytes([major << 5 | info]) + length.to_bytes(size, "big")
    raise ValueError("too long")


def _cbor_error(code: str, message: str) -> bytes:
    return _cbor_head(5, 2) + _cbor_text("__type") + _cbor_text(code) + _cbor_text("message") + _cbor_text(message)


def _json_default(value: Any) -> Any:
    if hasattr(value, "timestamp"):
        return value.timestamp()
    raise TypeError(f"cannot encode {type(value)}")


def apply() -> None:
    import botocore.session
    from botocore.parsers import JSONParser, RpcV2CBORParser
    from botocore.serialize import RpcV2CBORSerializer
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    session = botocore.session.get_session()
    models: dict[str, Any] = {}
    plain_call = DomainDispatcherApplication.__call__

    def call(self: DomainDispatcherApplication, environ: dict[str, Any], start_response: Callable) -> Any:
        match = CBOR_PATH.match(environ.get("PATH_INFO", ""))
        if environ.get("HTTP_SMITHY_PROTOCOL") != "rpc-v2-cbor" or not match or match.group(1) not in SERVICES:
            return plain_call(self, environ, start_response)
        prefix, operation = match.groups()
        model = models.setdefault(prefix, session.get_service_model(SERVICES[prefix]))
        operation_model = model.operation_model(operation)
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        parser = RpcV2CBORParser()
        params = parser.parse_data_item(parser.get_peekable_stream_from_bytes(body)) if body else {}
        json_body = json.dumps(params, default=_json_default).encode()
        inner = dict(environ)
        inner.pop("HTTP_SMITHY_PROTOCOL", None)
        inner.update({
            "PATH_INFO": "/", "REQUEST_METHOD": "POST", "CONTENT_TYPE": "application/x-amz-json-1.0",
            "HTTP_X_AMZ_TARGET": f"{prefix}.{operation}", "CONTENT_LENGTH": str(len(json_body)),
            "wsgi.input": io.BytesIO(json_body),
        })
        answer: dict[str, Any] = {}

        def capture(status: str, headers: list, exc_info: Any = None) -> Callable:
            answer.update(status=status, headers=headers)
            return lambda data: None

        text = b"".join(plain_call(self, inner, capture))
        status = int(answer["status"].split()[0])
        headers = {k.lower(): v for k, v in answer["headers"]}
        if status < 300:
            parsed = JSONParser().parse({"status_code": status, "headers": headers, "body": text}, operation_model.output_shape)
            parsed.pop("ResponseMetadata", None)
            out = bytearray()
            if operation_model.output_shape is not None:
                RpcV2CBORSerializer()._serialize_data_item(out, parsed, operation_model.output_shape)
            else:
                out += _cbor_head(5, 0)
            payload = bytes(out)
        else:
            try:
                error = json.loads(text)
            except ValueError:
                error = {"__type": str(status), "message": text.decode(errors="replace")}
            code = str(error.get("__type") or status).split("#")[-1]
            payload = _cbor_error(code, str(error.get("message") or error.get("Message") or ""))
        reply = [("Content-Type", "application/cbor"), ("smithy-protocol", "rpc-v2-cbor"), ("Content-Length", str(len(payload)))]
        reply += [(k, v) for k, v in answer["headers"] if k.lower() in ("x-amzn-requestid", "x-amzn-query-error")]
        start_response(answer["status"], reply)
        return [payload]

    DomainDispatcherApplication.__call__ = call
