"""Lints IAM policy documents with parliament, all of them in one process.

stdin:  JSON list of {"id": str, "document": str, "resource": str (optional)}, the document as
        the policy text itself; `resource` is the ARN of what the policy is attached to, for a
        policy whose statements may name none (a role's trust policy, a file system policy).
stdout: JSON {"parliament": version, "results": [{"id", "findings": [...]}]}, one result per
        input in input order; a finding is {issue, severity, title, description, detail, location}.
        A finding parliament repeats (once per action a wildcard expands to) is reported once.

It reports what `parliament --include-community-auditors --json` reports for each document
(community auditors and their config, severity filter LOW, parliament's ignore_locations),
through parliament's own Python API instead of one CLI process per document.
Usage: `$(scripts/iam-lint python) tools/iam-lint/lint.py < documents.json`; exit 0 whatever it
found (the caller decides what is acceptable), 2 on bad input.
"""

import functools
import json
import os
import sys
from pathlib import Path

import parliament
from parliament.cli import is_finding_filtered
from parliament.community_auditors import sensitive_access
from parliament.finding import Finding
from parliament import statement
from parliament.misc import make_list
from parliament.policy import Policy

# The CLI's --minimum_severity default: INFO and MUTE findings are not reported.
MINIMUM_SEVERITY = "LOW"


def fail(message):
    print(f"iam-lint: {message}", file=sys.stderr)
    sys.exit(2)


def read_documents():
    try:
        documents = json.load(sys.stdin)
    except json.JSONDecodeError as error:
        fail(f"stdin is not JSON: {error}")
    if not isinstance(documents, list):
        fail("stdin must be a JSON list of {id, document}")
    for index, entry in enumerate(documents):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not isinstance(entry.get("document"), str) or not isinstance(entry.get("resource", ""), str):
            fail(f"entry {index}: expected {{\"id\": string, \"document\": string, \"resource\"?: string}}, got {json.dumps(entry)[:200]}")
    return documents


def plain(value):
    """Finding details and locations as JSON: parliament puts sets and parser nodes in some."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, set):
        return sorted(plain(item) for item in value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def memoized_per_policy(method):
    """A Policy method that depends only on the policy's statements, computed once per policy:
    the community auditors each ask for every allowed action again (the same answer)."""

    @functools.wraps(method)
    def cached(self, *args, **kwargs):
        cache = self.__dict__.setdefault("_iam_lint_cache", {})
        key = (method.__name__, args, tuple(sorted(kwargs.items())))
        if key not in cache:
            cache[key] = method(self, *args, **kwargs)
        return list(cache[key])

    return cached


def allowed_actions(self, raise_exceptions=True):
    """parliament's Policy.get_allowed_actions, resolving only the actions an Allow statement
    names: get_allowed_resources finds no resource for any other (it needs an Allow), and a Deny
    of "*" would otherwise resolve every action AWS has."""
    referenced = set()
    for stmt in self.statements:
        if not stmt.effect_allow:
            continue
        for action in make_list(stmt.stmt["Action"]):
            for expanded in parliament.expand_action(action.value, raise_exceptions):
                referenced.add("{}:{}".format(expanded["service"], expanded["action"]))
    return [action.lower() for action in referenced if len(self.get_allowed_resources(*action.split(":"))) > 0]


def take_shortcuts():
    """Same findings, faster (IAM_LINT_EXACT=1 turns this off; bench/iam-lint.ts compares both).
    - get_privilege_info (a linear search of parliament's IAM definition) once per action.
    - get_allowed_actions / get_allowed_resources once per policy instead of once per auditor,
      and get_allowed_actions resolves only the actions that an Allow names (allowed_actions).
    - The SENSITIVE_ACCESS auditor only when parliament's config lists sensitive resources: with
      none (the default) it cannot report anything, after resolving every allowed action."""
    statement.get_privilege_info = functools.lru_cache(maxsize=None)(statement.get_privilege_info)
    Policy.get_allowed_actions = memoized_per_policy(allowed_actions)
    Policy.get_allowed_resources = memoized_per_policy(Policy.get_allowed_resources)
    if not parliament.config.get("SENSITIVE_ACCESS", {}).get("resources"):
        sensitive_access.audit = lambda policy: None


def with_resource(document, resource):
    """The document with `resource` as the Resource of each statement that names none, as IAM
    reads a policy attached to one resource. parliament lints identity policies, where a statement
    without Resource is malformed, so it would stop there. Locations then refer to this rewrite."""
    try:
        policy = json.loads(document)
    except json.JSONDecodeError:
        return document  # parliament reports MALFORMED_JSON on the original
    statements = policy.get("Statement") if isinstance(policy, dict) else None
    for stmt in statements if isinstance(statements, list) else [statements]:
        if isinstance(stmt, dict) and "Resource" not in stmt and "NotResource" not in stmt:
            stmt["Resource"] = resource
    return json.dumps(policy, indent=2)


def lint(document_id, document, resource=None):
    if resource:
        document = with_resource(document, resource)
    try:
        policy = parliament.analyze_policy_string(
            document, filepath=document_id, include_community_auditors=True, config=parliament.config
        )
        findings = policy.findings
    except Exception as error:  # parliament raises on some shapes it cannot read: a finding, not a crash
        findings = [Finding("EXCEPTION", f"{type(error).__name__}: {error}", {"filepath": document_id})]
    reported = []
    for finding in findings:
        finding = parliament.enhance_finding(finding)
        if is_finding_filtered(finding, MINIMUM_SEVERITY):
            continue
        location = {key: value for key, value in plain(finding.location).items() if key != "filepath"}
        if isinstance(location.get("actions"), list):
            location["actions"] = sorted(location["actions"])  # the auditors list them in set order
        entry = {
            "issue": finding.issue,
            "severity": finding.severity,
            "title": finding.title,
            "description": finding.description,
            "detail": plain(finding.detail),
            "location": location,
        }
        if entry not in reported:
            reported.append(entry)
    return {"id": document_id, "findings": reported}


def main():
    documents = read_documents()
    # As the CLI does for --include-community-auditors: their issues' titles and severities.
    parliament.override_config(Path(parliament.__file__).parent / "community_auditors" / "config_override.yaml")
    if os.environ.get("IAM_LINT_EXACT") != "1":
        take_shortcuts()
    results = [lint(entry["id"], entry["document"], entry.get("resource")) for entry in documents]
    json.dump({"parliament": parliament.__version__, "results": results}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
