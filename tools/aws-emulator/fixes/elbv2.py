"""ELBv2 DescribeLoadBalancers: EnablePrefixForIpv6SourceNat.

AWS: every load balancer in DescribeLoadBalancers carries EnablePrefixForIpv6SourceNat ("off"
unless a network load balancer turned it on). moto leaves the field out. elbv2-controller v1.6.1
late-initializes spec.enablePrefixForIPv6SourceNAT from it and, while it is missing, requeues
"Late initialization did not complete" forever: the LoadBalancer never syncs and its Listeners
and Rules wait on it. moto has no IPv6 source NAT, so "off" is the true answer.
"""


def apply() -> None:
    from moto.elbv2.models import FakeLoadBalancer

    # Read by moto's serializer for the output member of the same name (an instance value wins).
    FakeLoadBalancer.EnablePrefixForIpv6SourceNat = "off"
