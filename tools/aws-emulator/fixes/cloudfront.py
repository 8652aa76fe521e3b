"""CloudFront distribution domain names.

AWS: every distribution is `d<13 characters>.cloudfront.net`. moto starts the 14 characters with
a random letter. `platform bind` pins the domain (the alias target of the public names) and the
environment schema takes AWS's shape only, so the emulator starts it with `d` as AWS does.
"""


def apply() -> None:
    from moto.cloudfront.models import Distribution

    original = Distribution.__init__

    def init(self: Distribution, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        self.domain_name = "d" + self.domain_name[1:]

    Distribution.__init__ = init
