"""Calls to the AWS emulator for the end-to-end tests and the benchmark (tests/e2e/support/aws.ts).

Reads one JSON array of calls on stdin: [{"service": "s3", "operation": "get_bucket_versioning",
"params": {...}, "region": "eu-west-1"}, ...], makes them with boto3 (installed with moto) against
AWS_ENDPOINT_URL, and writes one JSON array of answers: {"result": {...}} or {"error": {"code", "message"}}.
Credentials and account are the emulator's defaults (dummy keys in the environment).
"""
import datetime
import json
import os
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def default(value):
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def main() -> None:
    endpoint = os.environ["AWS_ENDPOINT_URL"]
    config = Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1})
    clients = {}
    answers = []
    for call in json.load(sys.stdin):
        key = (call["service"], call.get("region"))
        if key not in clients:
            clients[key] = boto3.client(call["service"], region_name=call.get("region"), endpoint_url=endpoint, config=config)
        try:
            result = getattr(clients[key], call["operation"])(**call.get("params", {}))
            result.pop("ResponseMetadata", None)
            answers.append({"result": result})
        except ClientError as error:
            answers.append({"error": {"code": error.response["Error"].get("Code"), "message": error.response["Error"].get("Message")}})
        except Exception as error:  # noqa: BLE001  an answer botocore cannot read (an emulator's 500 page): report it, go on
            answers.append({"error": {"code": type(error).__name__, "message": str(error)}})
    json.dump(answers, sys.stdout, default=default)


if __name__ == "__main__":
    main()
