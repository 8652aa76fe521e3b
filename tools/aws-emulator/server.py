"""The AWS emulator of the end-to-end tests: moto's server with the project's fixes.

Run by `scripts/cluster up --aws` with the venv of `scripts/aws-emulator`:
    python tools/aws-emulator/server.py --host 127.0.0.1 --port PORT
MOTO_ACCOUNT_ID sets the default account. Each module of fixes/ makes moto answer one service the
way AWS does where an ACK controller breaks on the difference; each says why, and
docs/emulator-gaps.md lists them with what is still not served.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from fixes import apply_all  # noqa: E402  (after the path is set)


def main() -> None:
    applied = apply_all()
    print(f"aws-emulator: fixes applied: {', '.join(applied)}", flush=True)
    from moto.server import main as moto_main

    moto_main(sys.argv[1:])


if __name__ == "__main__":
    main()
